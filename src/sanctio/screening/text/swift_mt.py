"""SWIFT MT103 / MT202 parsing: blocks, block-4 fields, parties and remittance text.

Recognises a message by its blocks (`{1:...}{2:...}{4:` ... `-}`) or a bare block 4
starting with `:20:`. Party fields (50a ordering customer, 59a beneficiary, 52a-58a
institutions) become names and BICs; 70, 72 and 77B become free text. A message with no
block 4 or no fields is an InputError; one that parses only in part is returned with
warnings so that the caller also screens it as free text.
"""

from __future__ import annotations

import re

from sanctio.exceptions import InputError
from sanctio.screening.text.parties import BIC, ParsedMessage, Party, TextField, bic_forms

_START = re.compile(r"\A\s*(?:\{[1-5]:|:20:)")
_BLOCK2 = re.compile(r"\{2:([IO])(\d{3})")
_TAG = re.compile(r"^:(\d{2}[A-Z]?):", re.MULTILINE)

#: Field tag number -> (role, query schema). Customers may be persons or organisations.
PARTY_FIELDS: dict[str, tuple[str, str | None]] = {
    "50": ("ordering customer", None),
    "59": ("beneficiary customer", None),
    "51": ("sending institution", "Organization"),
    "52": ("ordering institution", "Organization"),
    "53": ("sender's correspondent", "Organization"),
    "54": ("receiver's correspondent", "Organization"),
    "55": ("third reimbursement institution", "Organization"),
    "56": ("intermediary institution", "Organization"),
    "57": ("account with institution", "Organization"),
    "58": ("beneficiary institution", "Organization"),
}
TEXT_FIELDS: dict[str, str] = {
    "70": "remittance information",
    "72": "sender to receiver information",
    "77B": "regulatory reporting",
    "77T": "envelope contents",
}
KNOWN_TYPES = frozenset({"103", "202", "202COV", "205", "200", "910", "900"})


def looks_like_mt(text: str) -> bool:
    """Cheap check: the text starts like a SWIFT FIN message."""
    return _START.match(text) is not None


def _block4(text: str, warnings: list[str]) -> tuple[int, int]:
    """(start, end) of block 4's content in the text."""
    bare = text.lstrip().startswith(":20:")
    if bare:
        start = len(text) - len(text.lstrip())
    else:
        at = text.find("{4:")
        if at < 0:
            raise InputError("swift", "no block 4 ('{4:' ... '-}'): the message has no text block")
        start = at + 3
    end = text.find("\n-}", start)
    if end < 0:
        end = text.find("-}", start)
    if end < 0:
        if not bare:
            warnings.append("block 4 is not closed by '-}': the message may be truncated")
        end = len(text)
        tail = text[start:end].rstrip()
        if tail.endswith("\n-") or tail == "-":
            end = start + len(tail) - 1
    if text.count("{") != text.count("}"):
        warnings.append(f"unbalanced braces: {text.count('{')} '{{' against {text.count('}')} '}}'")
    return start, end


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, line without its line ending) within [start, end)."""
    out: list[tuple[int, str]] = []
    pos = start
    for line in text[start:end].split("\n"):
        stripped = line.rstrip("\r")
        out.append((pos, stripped))
        pos += len(line) + 1
    return out


def _party(tag: str, value_start: int, text: str, end: int) -> Party | None:
    """One party field (any option) -> names, BICs, birth date, with the name's span."""
    number, option = tag[:2], tag[2:]
    role, schema = PARTY_FIELDS[number]
    lines = [(o, s) for o, s in _lines(text, value_start, end) if s.strip()]
    if lines and lines[0][1].startswith("/") and option != "F":
        lines = lines[1:]  # account line
    if not lines:
        return None
    if option == "A":
        offset, line = lines[0]
        bic = line.strip().upper()
        if not BIC.match(bic):
            return None
        return Party(tag, role, (bic,), offset, offset + len(line), "Organization", bic_forms(bic))
    if option == "F":
        return _party_f(tag, role, lines)
    if option in ("B", "C"):
        return None  # location or account only
    offset, first = lines[0]
    names = [first.strip()]
    if len(lines) > 1 and not any(ch.isdigit() for ch in lines[1][1]):
        names.append(f"{first.strip()} {lines[1][1].strip()}")
    name_end = offset + len(first)
    return Party(tag, role, tuple(names), offset, name_end, schema)


def _party_f(tag: str, role: str, lines: list[tuple[int, str]]) -> Party | None:
    """Option F: numbered lines, 1/ name, 4/ birth date, 6/ and 7/ identifiers."""
    parts: list[str] = []
    start = end = -1
    births: list[str] = []
    ids: list[str] = []
    for offset, line in lines:
        code, _, rest = line.partition("/")
        if code == "1" and rest:
            parts.append(rest.strip())
            start = offset if start < 0 else start
            end = offset + len(line)
        elif code == "4" and re.fullmatch(r"\d{8}", rest.strip()):
            d = rest.strip()
            births.append(f"{d[:4]}-{d[4:6]}-{d[6:]}")
        elif code in ("6", "7") and rest:
            ids.append(rest.rsplit("/", 1)[-1].strip())
    if not parts:
        return None
    return Party(tag, role, (" ".join(parts),), start, end, None, (), tuple(ids), tuple(births))


def parse_mt(text: str) -> ParsedMessage:
    """Parse an MT message; InputError when nothing can be read, warnings when partial."""
    warnings: list[str] = []
    block2 = _BLOCK2.search(text)
    mtype = block2.group(2) if block2 else None
    if mtype is None and not text.lstrip().startswith(":20:"):
        warnings.append("no application header (block 2): message type unknown")
    start, end = _block4(text, warnings)
    tags = list(_TAG.finditer(text, start, end))
    if not tags:
        raise InputError(
            "swift", "block 4 holds no fields (expected lines such as ':20:REFERENCE')"
        )
    leading = text[start : tags[0].start()].strip()
    if leading:
        warnings.append(f"text before the first field: {leading[:40]!r}")
    parties: list[Party] = []
    texts: list[TextField] = []
    fields: dict[str, str] = {}
    for n, match in enumerate(tags):
        tag = match.group(1)
        value_start = match.end()
        value_end = tags[n + 1].start() if n + 1 < len(tags) else end
        fields.setdefault(tag, text[value_start:value_end].strip())
        if tag[:2] in PARTY_FIELDS:
            party = _party(tag, value_start, text, value_end)
            if party is None:
                warnings.append(f"field :{tag}: has no name or BIC that could be read")
            else:
                parties.append(party)
        elif tag in TEXT_FIELDS:
            texts.append(TextField(tag, TEXT_FIELDS[tag], value_start, value_end))
    if mtype is not None and mtype not in KNOWN_TYPES:
        warnings.append(f"message type MT{mtype} is not one sanctio knows the fields of")
    if mtype == "103" and not {"50A", "50F", "50K"} & fields.keys():
        warnings.append("MT103 without an ordering customer (field 50a)")
    if mtype == "103" and not {"59", "59A", "59F"} & fields.keys():
        warnings.append("MT103 without a beneficiary customer (field 59a)")
    kind = f"swift-mt{mtype}" if mtype else "swift-mt"
    return ParsedMessage(kind, tuple(parties), tuple(texts), tuple(warnings), fields)
