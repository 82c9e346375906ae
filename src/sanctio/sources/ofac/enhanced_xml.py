"""OFAC Enhanced XML (CONS_ENHANCED.XML, SDN_ENHANCED.XML) -> entities, streamed with lxml.

Children are looked up by local name, so the reader works whatever namespace OFAC
declares (it changed them on 2024-05-07). Entity ids are `<source>:<entity@id>`, the
legacy CSV `ent_num`. Decisions: list memberships, sanctions types and legal
authorities go to `notes` (one line each; `programId` stays free for programme keys);
`createdAt` is the earliest list `datePublished`; relationships become links, with a
target id only when the related entity is in the same file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from sanctio.exceptions import FormatError
from sanctio.model import Entity, EntityBuilder
from sanctio.sources.base import FileReader, ProblemLog
from sanctio.sources.ofac import enhanced_features as ef
from sanctio.sources.ofac.wallets import wallet_entities
from sanctio.sources.xml_stream import XmlStream, release

FORMAT = "ofac-enhanced-xml"
PUBLISHER = "OFAC"

_ROOT = "sanctionsData"
_HEAD_ROOT = re.compile(rb"<(?:[\w.-]+:)?sanctionsData[\s>]")
_NAME_SOURCES = {"CONS": "ofac-cons", "SDN": "ofac-sdn"}
_HEAD_FILTERS = re.compile(rb"filters>(.*?)</(?:[\w.-]+:)?filters>", re.S)
_FILTER_SOURCES = ((b">Consolidated List<", "ofac-cons"), (b">SDN List<", "ofac-sdn"))
_TAGS = ("{*}dataAsOf", "{*}referenceValue", "{*}entity", "{*}entities")
_NAME_PARTS = {
    "First Name": "firstName",
    "Last Name": "lastName",
    "Middle Name": "middleName",
    "Maiden Name": "lastName",
    "Patronymic": "fatherName",
    "Matronymic": "motherName",
}
_DATE_BOUNDS = ("fromDateBegin", "fromDateEnd", "toDateBegin", "toDateEnd")
_ADDRESS_ORDER = ("ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE", "POSTAL CODE")


_Kids = dict[str, etree._Element]


def _kids(elem: etree._Element | None) -> _Kids:
    """Child elements by local name (the first of each), whatever namespace they are in."""
    out: _Kids = {}
    if elem is not None:
        for child in elem:
            tag = child.tag
            if isinstance(tag, str):
                out.setdefault(tag.rpartition("}")[2], child)
    return out


def _each(elem: etree._Element | None) -> list[etree._Element]:
    """The element children of a container such as `names` or `features`."""
    return [] if elem is None else [c for c in elem if isinstance(c.tag, str)]


def _text(elem: etree._Element | None) -> str:
    return (elem.text or "").strip() if elem is not None else ""


def _val(kids: _Kids, name: str) -> str:
    return _text(kids.get(name))


def _local(elem: etree._Element) -> str:
    return etree.QName(elem).localname


@dataclass(slots=True)
class _Mapped:
    """An entity read from the file, with its relationships still to resolve."""

    builder: EntityBuilder
    primary: str
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    wallets: list[tuple[str, str]] = field(default_factory=list)


class EnhancedXmlReader(FileReader):
    """Reads OFAC's Enhanced XML list files (one schema for the SDN and consolidated lists)."""

    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> str | None:
        if not _HEAD_ROOT.search(head):
            return None
        prefix = path.name.upper().split("_", 1)[0]
        if prefix in _NAME_SOURCES:
            return _NAME_SOURCES[prefix]
        filters = _HEAD_FILTERS.search(head)
        for marker, source in _FILTER_SOURCES:
            if filters is not None and marker in filters.group(1):
                return source
        return None

    def read_file(
        self, path: Path, source: str, log: ProblemLog
    ) -> tuple[dt.date | None, list[Entity]]:
        return _read_file(path, source, log)


def _read_file(path: Path, source: str, log: ProblemLog) -> tuple[dt.date | None, list[Entity]]:
    published: dt.date | None = None
    iso_codes: dict[str, str] = {}
    mapped: dict[str, _Mapped] = {}
    saw_entities = False
    stream = XmlStream(path, _TAGS, _ROOT, "OFAC Enhanced XML file", "an OFAC Enhanced XML file")
    for elem in stream:
        tag = _local(elem)
        if tag == "entity":
            item = _map_entity(elem, source, iso_codes, log)
            if item is not None and item.builder.native_id in mapped:
                log.add(f"line {elem.sourceline}", "entity@id", item.builder.native_id,
                        "entity id listed twice; first entity kept")  # fmt: skip
            elif item is not None:
                mapped[item.builder.native_id] = item
            release(elem)
        elif tag == "referenceValue":
            iso = _val(_kids(elem), "isoCode")
            if iso:
                iso_codes[elem.get("refId", "")] = iso
            release(elem)
        elif tag == "dataAsOf":
            published = _published(path, elem)
        else:
            saw_entities = True
    if not saw_entities:
        raise FormatError(str(path), "/sanctionsData", "no <entities> element; expected one")
    return published, [e for item in mapped.values() for e in _resolve(item, mapped, source)]


def _published(path: Path, elem: etree._Element) -> dt.date:
    text = (elem.text or "").strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise FormatError(
            str(path), f"line {elem.sourceline}, <dataAsOf>",
            f"bad date {text!r}; expected YYYY-MM-DDThh:mm:ss",
        ) from None  # fmt: skip


def _resolve(item: _Mapped, mapped: dict[str, _Mapped], source: str) -> list[Entity]:
    """Add the entity's stated relations, naming targets found in the same file; the
    entity is followed by a CryptoWallet per digital currency address it states."""
    for kind, target, text in item.relations:
        found = mapped.get(target)
        if found is not None:
            item.builder.link(kind, found.primary or text, f"{source}:{target}")
        else:
            item.builder.link(kind, text)
    entity = item.builder.build()
    return [entity, *wallet_entities(entity, item.wallets, PUBLISHER)]


def _map_entity(
    elem: etree._Element, source: str, iso_codes: dict[str, str], log: ProblemLog
) -> _Mapped | None:
    native = (elem.get("id") or "").strip()
    location = f"entity {native or '?'} (line {elem.sourceline})"
    if not native:
        log.add(location, "entity@id", "", "entity without id; record skipped")
        return None
    kids = _kids(elem)
    info = _kids(kids.get("generalInfo"))
    etype = _val(info, "entityType")
    schema = ef.SCHEMAS.get(etype)
    if schema is None:
        log.add(location, "entityType", etype, "unknown entity type; read as LegalEntity")
        schema = "LegalEntity"
    rec = ef.Record(EntityBuilder(source, native, schema), iso_codes, log, location)
    b = rec.builder
    b.add("topics", "sanction")
    b.add("publisher", PUBLISHER)
    primary = _names(rec, kids)
    _sanctions(rec, kids)
    b.add("notes", _val(info, "remarks"))
    _addresses(rec, kids)
    for feat in _each(kids.get("features")):
        fk = _kids(feat)
        span = None
        if "valueDate" in fk:
            dk = _kids(fk["valueDate"])
            bounds = [_val(dk, key) for key in _DATE_BOUNDS]
            span = (bounds[0], bounds[1], bounds[2], bounds[3])
        ref_id = _val(fk, "valueRefId") or None
        ef.apply_feature(rec, _val(fk, "type"), _val(fk, "value"), ref_id, span)
    for doc in _each(kids.get("identityDocuments")):
        dk = _kids(doc)
        country = dk.get("issuingCountry")
        ef.apply_document(
            rec,
            _val(dk, "type"),
            _val(dk, "documentNumber"),
            _text(country),
            country.get("refId") if country is not None else None,
        )
    item = _Mapped(b, primary, wallets=rec.wallets)
    for rel in _each(kids.get("relationships")):
        rk = _kids(rel)
        related = rk.get("relatedEntity")
        if related is not None:
            target = (related.get("entityId") or "").strip()
            item.relations.append((_val(rk, "type"), target, _text(related)))
    return item


def _names(rec: ef.Record, kids: _Kids) -> str:
    """Primary name -> `name`; F.K.A. -> `previousName`; low quality -> `weakAlias`."""
    b = rec.builder
    for name in _each(kids.get("names")):
        nk = _kids(name)
        is_primary = _val(nk, "isPrimary").lower() == "true"
        weak = _val(nk, "isLowQuality").lower() == "true"
        fka = _val(nk, "aliasType").upper() == "F.K.A."
        for tr in _each(nk.get("translations")):
            tk = _kids(tr)
            parts = [_kids(part) for part in _each(tk.get("nameParts"))]
            full = _val(tk, "formattedFullName") or " ".join(_val(p, "value") for p in parts)
            if is_primary and _val(tk, "isPrimary").lower() == "true" and not b.has("name"):
                prop = "name"
            elif weak:
                prop = "weakAlias"
            else:
                prop = "previousName" if fka else "alias"
            b.add(prop, full)
            if b.schema == "Person" and not weak and _val(tk, "script") == "Latin":
                for part in parts:
                    part_prop = _NAME_PARTS.get(_val(part, "type"))
                    if part_prop is not None:
                        b.add(part_prop, _val(part, "value"))
    if not b.has("name"):
        fallback = (b.get("alias") or b.get("previousName") or b.get("weakAlias") or [""])[0]
        rec.log.add(rec.location, "names", fallback, "no primary name; first alias used")
        b.add("name", fallback)
    return b.get("name")[0] if b.has("name") else ""


def _sanctions(rec: ef.Record, kids: _Kids) -> None:
    """Programmes -> `program`; earliest list date -> `createdAt`; list facts -> `notes`."""
    b = rec.builder
    lists: list[str] = []
    dates: list[str] = []
    for item in _each(kids.get("sanctionsLists")):
        published = (item.get("datePublished") or "").strip()
        lists.append(f"{_text(item)} ({published})" if published else _text(item))
        if published:
            dates.append(published[:10])
    if dates:
        b.add("createdAt", min(dates))
    b.add("program", *(_text(p) for p in _each(kids.get("sanctionsPrograms"))))
    for label, container in (
        ("Sanctions lists", lists),
        ("Sanctions types", [_text(t) for t in _each(kids.get("sanctionsTypes"))]),
        ("Legal authorities", [_text(a) for a in _each(kids.get("legalAuthorities"))]),
    ):
        values = [v for v in container if v]
        if values:
            b.add("notes", f"{label}: " + "; ".join(values))


def _addresses(rec: ef.Record, kids: _Kids) -> None:
    """Each address translation -> one `address` string; its country -> `country`."""
    for addr in _each(kids.get("addresses")):
        ak = _kids(addr)
        country_el = ak.get("country")
        country = _text(country_el)
        if country_el is not None and country:
            code = rec.country("address/country", country, country_el.get("refId"))
            if code is not None:
                rec.put("country", code)
        for tr in _each(ak.get("translations")):
            parts: dict[str, list[str]] = {}
            for part in _each(_kids(tr).get("addressParts")):
                pk = _kids(part)
                value = _val(pk, "value")
                if value:
                    parts.setdefault(_val(pk, "type"), []).append(value)
            if not parts:
                continue
            order = [*_ADDRESS_ORDER, *(k for k in parts if k not in _ADDRESS_ORDER)]
            values = [v for key in order for v in parts.get(key, [])]
            rec.put("address", ", ".join([*values, country] if country else values))


READER = EnhancedXmlReader()
