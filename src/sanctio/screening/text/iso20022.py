"""ISO 20022 payment XML (pacs.008, also pacs.009 / pain.001): parties, agents, remittance.

Parsed with a hardened lxml parser (no DTDs, entities or network). XML that is not
well-formed is an InputError naming line and column; well-formed XML that is not a
payment message, or lacks the expected parts, comes back with warnings so the caller
also screens its text.
"""

from __future__ import annotations

import re

from lxml import etree

from sanctio.exceptions import InputError
from sanctio.screening.text.parties import ParsedMessage, Party, TextField, bic_forms

_START = re.compile(r"\A\s*(?:<\?xml|<!--|<[A-Za-z_][\w:.-]*[\s>])")
_NS_KIND = re.compile(r"urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3})")

PARTIES: dict[str, str] = {
    "Dbtr": "debtor",
    "Cdtr": "creditor",
    "UltmtDbtr": "ultimate debtor",
    "UltmtCdtr": "ultimate creditor",
    "InitgPty": "initiating party",
}
AGENTS: dict[str, str] = {
    "DbtrAgt": "debtor agent",
    "CdtrAgt": "creditor agent",
    "InstgAgt": "instructing agent",
    "InstdAgt": "instructed agent",
    "IntrmyAgt1": "intermediary agent 1",
    "IntrmyAgt2": "intermediary agent 2",
    "IntrmyAgt3": "intermediary agent 3",
    "PrvsInstgAgt1": "previous instructing agent 1",
}
TEXTS: dict[str, str] = {
    "Ustrd": "remittance information",
    "AddtlRmtInf": "additional remittance information",
    "InstrInf": "instruction information",
    "Inf": "regulatory reporting",
    "Prtry": "proprietary purpose",
}


def looks_like_xml(text: str) -> bool:
    return _START.match(text) is not None


def _local(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(el: etree._Element, *path: str) -> etree._Element | None:
    for name in path:
        found = next((c for c in el if _local(c) == name), None)
        if found is None:
            return None
        el = found
    return el


def _text(el: etree._Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


class _Locator:
    """Character offsets of element text, found from lxml's line numbers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def span(self, el: etree._Element) -> tuple[int, int]:
        number: object = el.sourceline
        line = max(1, number) if isinstance(number, int) else 1
        base = self.line_starts[min(line, len(self.line_starts)) - 1]
        value = (el.text or "").strip()
        tag_end = self.text.find(">", self.text.find(_local(el), base))
        at = self.text.find(value, tag_end if tag_end >= 0 else base) if value else -1
        if at < 0:
            return base, base
        return at, at + len(value)


def parse_xml(text: str) -> ParsedMessage:
    """Parse ISO 20022 XML; InputError when not well-formed, warnings when partial."""
    if "<!DOCTYPE" in text[:4096] or "<!ENTITY" in text:
        raise InputError("iso20022", "DOCTYPE and entity declarations are not allowed")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise InputError(
            "iso20022", f"not well-formed XML at line {line}, column {column}: {exc.msg}"
        ) from None
    warnings: list[str] = []
    namespaces = {el.tag.split("}")[0][1:] for el in root.iter() if isinstance(el.tag, str)}
    kinds = sorted({m.group(1) for ns in namespaces if (m := _NS_KIND.search(ns))})
    payment = [k for k in kinds if k.startswith(("pacs", "pain"))]
    kind = f"iso20022-{payment[0]}" if payment else "iso20022"
    if not payment:
        warnings.append(
            "not an ISO 20022 payment message (no pacs/pain namespace): screened as text"
        )
    locate = _Locator(text)
    parties: list[Party] = []
    texts: list[TextField] = []
    for el in root.iter():
        name = _local(el)
        if name in PARTIES and _child(el, "FinInstnId") is None:
            party = _party(el, name, PARTIES[name], locate)
            if party is not None:
                parties.append(party)
        elif name in AGENTS or (name in PARTIES and _child(el, "FinInstnId") is not None):
            party = _agent(el, name, AGENTS.get(name, PARTIES.get(name, name)), locate)
            if party is not None:
                parties.append(party)
        elif name in TEXTS and (el.text or "").strip():
            start, end = locate.span(el)
            texts.append(TextField(name, TEXTS[name], start, end))
    if payment and payment[0].startswith("pacs.008"):
        roles = {p.field for p in parties}
        for needed in ("Dbtr", "Cdtr"):
            if needed not in roles:
                warnings.append(f"pacs.008 without a readable {needed}/Nm")
    return ParsedMessage(kind, tuple(parties), tuple(texts), tuple(warnings))


def _party(el: etree._Element, field: str, role: str, locate: _Locator) -> Party | None:
    nm = _child(el, "Nm")
    name = _text(nm)
    bics: list[str] = []
    ids: list[str] = []
    births: list[str] = []
    org = _child(el, "Id", "OrgId")
    if org is not None:
        bic = _text(_child(org, "AnyBIC")) or _text(_child(org, "BICOrBEI"))
        if bic:
            bics.extend(bic_forms(bic))
        for part in ("LEI",):
            if _text(_child(org, part)):
                ids.append(_text(_child(org, part)))
    for other in el.iter():
        if _local(other) == "Othr" and _text(_child(other, "Id")):
            ids.append(_text(_child(other, "Id")))
        if _local(other) == "BirthDt" and _text(other):
            births.append(_text(other))
    if not name and not bics:
        return None
    anchor = nm if nm is not None else el
    start, end = locate.span(anchor)
    return Party(field, role, (name or bics[0],), start, end, None, tuple(bics), tuple(ids),
                 tuple(births))  # fmt: skip


def _agent(el: etree._Element, field: str, role: str, locate: _Locator) -> Party | None:
    fin = _child(el, "FinInstnId")
    if fin is None:
        return None
    bic_el = _child(fin, "BICFI")
    if bic_el is None:
        bic_el = _child(fin, "BIC")  # before the 2019 versions
    bic = _text(bic_el)
    nm = _child(fin, "Nm")
    name = _text(nm)
    lei = _text(_child(fin, "LEI"))
    if not name and not bic:
        return None
    anchor = nm if nm is not None else bic_el
    start, end = locate.span(anchor) if anchor is not None else (0, 0)
    return Party(
        field,
        role,
        (name or bic.upper(),),
        start,
        end,
        "Organization",
        bic_forms(bic) if bic else (),
        (lei,) if lei else (),
    )
