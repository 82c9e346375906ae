"""OFAC `Remarks` text -> typed FollowTheMoney values, stated links and problems (pure).

Grammar (research/formats.md 1.5): segments separated by `; `, the whole ended by one `.`;
a segment is `<Key> <value>`, a repeat of a key starts with `alt. `, other segments are free
text (job titles, relationships) and are kept only in the raw `notes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sanctio.model import PartialDate
from sanctio.normalize.countries import country_code
from sanctio.runtime import memo
from sanctio.sources.dates import parse_date_text
from sanctio.sources.ofac.identifiers import ID_TYPE_PROPS, imo_number, split_document
from sanctio.sources.ofac.wallets import WALLET_SEGMENT

#: Remarks key -> (FtM property, value kind); keys are case-sensitive as OFAC writes them.
KEYS: dict[str, tuple[str, str]] = {
    **{key: (prop, "id") for key, prop in ID_TYPE_PROPS.items()},
    "DOB": ("birthDate", "date"),
    "POB": ("birthPlace", "text"),
    "nationality": ("nationality", "country"),
    "citizen": ("citizenship", "country"),
    "Gender": ("gender", "gender"),
    "a.k.a.": ("weakAlias", "weak"),
    "f.k.a.": ("weakAlias", "weak"),
    "n.k.a.": ("weakAlias", "weak"),
    "Linked To": ("", "link"),
    "Email Address": ("email", "text"),
    "Email": ("email", "text"),
    "Website": ("website", "website"),
    "Phone Number": ("phone", "text"),
    "Phone No.": ("phone", "text"),
    "Telephone": ("phone", "text"),
    "Telephone No.": ("phone", "text"),
    "Telephone Number": ("phone", "text"),
    "PHONE": ("phone", "text"),
    "Organization Established Date": ("incorporationDate", "date"),
    "Vessel Registration Identification": ("imoNumber", "vessel_id"),
    "International Maritime Organization No.": ("imoNumber", "vessel_id"),
    "MMSI": ("mmsi", "text"),
    "Former Vessel Flag": ("pastFlags", "country"),
    "Other Vessel Call Sign": ("callSign", "text"),
    "Other Vessel Type": ("type", "text"),
    "Vessel Year of Build": ("buildDate", "date"),
    "Nationality of Registration": ("country", "country"),
    "Aircraft Model": ("model", "text"),
    "Aircraft Manufacturer's Serial Number (MSN)": ("serialNumber", "text"),
    "Aircraft Manufacture Date": ("buildDate", "date"),
    "Aircraft Tail Number": ("registrationNumber", "text"),
}

_KEY_ALTS = "|".join(re.escape(k) for k in sorted(KEYS, key=len, reverse=True))
_SEGMENT = re.compile(rf"^(?:(?i:alt\.)\s+)?(?P<key>{_KEY_ALTS}):?(?:\s+(?P<value>.*)|$)", re.S)
_SPLIT = re.compile(r";\s+")
_GENDERS = {"male": "male", "female": "female"}
#: Country values that name no country (`Former Vessel Flag None Identified`, `undetermined`).
_NO_COUNTRY = re.compile(r"^(?:none identified|none|undetermined|unknown)$", re.I)
_REGION = re.compile(r"^Region:\s*", re.I)
#: Codes the country lookup returns that FollowTheMoney rejects (dissolved states).
_RETIRED = frozenset({"an"})
_LEI = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")
_DATE_FORMS = "expected e.g. 07 Oct 1952, Oct 1952, 1952, circa 1952, 1958 to 1960"


@dataclass(frozen=True, slots=True)
class Fact:
    """One typed value a remark states, with the OFAC key it came from."""

    prop: str
    value: str | PartialDate
    key: str


@dataclass(frozen=True, slots=True)
class Issue:
    """A key whose value could not be read; becomes a record-level Problem."""

    field: str
    value: str
    message: str


@dataclass(frozen=True, slots=True)
class ParsedRemarks:
    """Everything read from one Remarks text."""

    facts: tuple[Fact, ...]
    links: tuple[str, ...]
    issues: tuple[Issue, ...]
    free_text: tuple[str, ...]
    #: (currency, address) of each `Digital Currency Address - XXX` segment.
    wallets: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class _Collector:
    facts: list[Fact] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    wallets: list[tuple[str, str]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    free_text: list[str] = field(default_factory=list)


def segments(text: str) -> list[str]:
    """Split a Remarks text into segments: strip one final `.`, split on `;` + whitespace."""
    t = text.strip()
    if t.endswith("."):
        t = t[:-1]
    return [s.strip() for s in _SPLIT.split(t) if s.strip()]


@memo(16384)
def parse_remarks(text: str, *, truncated: bool = False) -> ParsedRemarks:
    """Parse a Remarks text; `truncated` means its last segment may be cut mid-value.

    Cached: successive versions of a list repeat most remarks verbatim.
    """
    out = _Collector()
    segs = segments(text)
    if truncated and segs:
        cut = segs.pop()
        out.issues.append(
            Issue(
                "Remarks",
                cut,
                "remarks reach OFAC's 1000-character limit and no continuation was found "
                "in the comments file; this last segment may be cut and was not parsed",
            )
        )
    for seg in segs:
        wallet = WALLET_SEGMENT.match(seg)
        if wallet is not None:
            out.wallets.append((wallet.group("currency").upper(), wallet.group("address")))
            continue
        m = _SEGMENT.match(seg)
        if m is None:
            out.free_text.append(seg)
            continue
        key = m.group("key")
        value = (m.group("value") or "").strip()
        prop, kind = KEYS[key]
        if not value:
            out.issues.append(Issue(key, seg, "key without a value"))
            continue
        _read_value(out, key, prop, kind, value)
    return ParsedRemarks(
        tuple(out.facts),
        tuple(out.links),
        tuple(out.issues),
        tuple(out.free_text),
        tuple(out.wallets),
    )


def _read_value(out: _Collector, key: str, prop: str, kind: str, value: str) -> None:
    if kind == "text":
        out.facts.append(Fact(prop, value, key))
    elif kind == "date":
        try:
            dates = parse_date_text(value)
        except ValueError:
            out.issues.append(Issue(key, value, f"unparseable date; {_DATE_FORMS}"))
            return
        out.facts.extend(Fact(prop, d, key) for d in dates)
    elif kind == "country":
        code, problem = read_country(value)
        if problem is not None:
            out.issues.append(Issue(key, value, problem))
        elif code is not None:
            out.facts.append(Fact(prop, code, key))
    elif kind == "gender":
        gender = _GENDERS.get(value.lower())
        if gender is None:
            out.issues.append(Issue(key, value, "expected Male or Female"))
        else:
            out.facts.append(Fact(prop, gender, key))
    elif kind == "website":
        # A URL has no spaces; text after one is a sentence OFAC ran on (`www.x.org. Offices`).
        out.facts.append(Fact(prop, value.split(maxsplit=1)[0].rstrip(".,"), key))
    elif kind == "weak":
        _read_weak_alias(out, key, value)
    elif kind == "link":
        out.links.append(value)
    elif kind == "vessel_id":
        number = split_document(value)[0]
        imo = imo_number(number)
        if imo is not None:
            out.facts.append(Fact("imoNumber", imo, key))
        elif number:
            out.facts.append(Fact("registrationNumber", number, key))
    else:
        _read_document(out, key, prop, value)


def read_country(text: str) -> tuple[str | None, str | None]:
    """(code, None), or (None, problem), or (None, None) for a value that names no country."""
    text = text.strip()
    if _NO_COUNTRY.match(text):
        return None, None
    # `Region: Crimea`: OFAC names a region where a country is expected.
    code = country_code(text) or country_code(_REGION.sub("", text))
    if code is None:
        return None, "unknown country name"
    if code in _RETIRED:
        return None, f"{code!r} is no longer a country code"
    return code, None


def _read_weak_alias(out: _Collector, key: str, value: str) -> None:
    # OFAC writes weak aliases in single quotes; a missing closing quote means the
    # value was cut at the 1000-character limit, so only part of the name is known.
    if len(value) >= 2 and value[0] == "'" and value[-1] == "'":
        out.facts.append(Fact("weakAlias", value[1:-1], key))
    elif value.startswith("'"):
        out.issues.append(Issue(key, value, "quoted alias without its closing quote (cut?)"))
    else:
        out.facts.append(Fact("weakAlias", value, key))


def _read_document(out: _Collector, key: str, prop: str, value: str) -> None:
    number, _ = split_document(value)
    imo = imo_number(number)
    if imo is not None and number.upper().startswith("IMO"):
        out.facts.append(Fact("imoNumber", imo, key))
        return
    head, sep, tail = number.partition(", ")
    # Old irregular form `1372584, Kenya, Issue Date ...`: the country follows a comma.
    if sep and prop in ("passportNumber", "idNumber") and country_code(tail.split(",")[0]):
        number = head
    if prop == "leiCode" and not _LEI.match(number):
        prop = "registrationNumber"  # OFAC also files Dutch KvK numbers under this key
    if number:
        out.facts.append(Fact(prop, number, key))
    else:
        out.issues.append(Issue(key, value, "identifier without a number"))
