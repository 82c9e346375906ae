"""FollowTheMoney JSON lines (OpenSanctions exports, custom files): parties and holdings.

Parties: `Person`, `Company`, `Organization`, `LegalEntity`, `PublicBody`. Holdings:
`Ownership` (`owner`, `asset`, `percentage`, `startDate`, `endDate`, `role`,
`ownershipType`; a role or type naming control marks control) and `Directorship` with a
role naming control (`director` controls `organization`). An entity's top-level
`referents` (as OpenSanctions exports carry) that are sanctio ids link the party to those
list entries.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sanctio.exceptions import FormatError
from sanctio.model import IDENTIFIER_PROPS, NAME_PROPS
from sanctio.ownership.refs import is_listed_id
from sanctio.ownership.rows import RawHolding, RawParty

PARTY_SCHEMAS = {
    "Person": "Person",
    "Company": "Company",
    "Organization": "Organization",
    "LegalEntity": "LegalEntity",
    "PublicBody": "Organization",
}
_KEEP = frozenset(
    (
        *NAME_PROPS,
        *IDENTIFIER_PROPS,
        "country",
        "jurisdiction",
        "birthDate",
        "nationality",
        "incorporationDate",
        "address",
    )
)
#: A line longer than this is hostile or not JSON lines.
MAX_LINE = 1 << 20


def _values(props: Mapping[str, Any], name: str) -> list[str]:
    raw = props.get(name, ())
    if isinstance(raw, str):
        raw = [raw]
    out: list[str] = []
    for value in raw if isinstance(raw, list) else ():
        if isinstance(value, dict):  # nested entity (FtM "nested" exports)
            value = value.get("id", "")
        text = " ".join(str(value).split())
        if text and text not in out:
            out.append(text)
    return out


def read_ftm(path: Path) -> Iterator[RawParty | RawHolding]:
    """Parties and holdings; a line that is not a JSON object raises FormatError."""
    name = str(path)
    with path.open("r", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if len(line) > MAX_LINE:
                raise FormatError(name, f"line {line_no}", f"line longer than {MAX_LINE} bytes")
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FormatError(
                    name,
                    f"line {line_no}",
                    f"not a JSON object ({exc.msg}); expected "
                    "FollowTheMoney JSON lines, one entity per line",
                ) from None
            if not isinstance(data, dict) or not isinstance(data.get("properties", {}), dict):
                raise FormatError(name, f"line {line_no}", "expected a JSON object per line")
            yield from _record(data, name, line_no)


def _record(data: dict[str, Any], name: str, line: int) -> Iterator[RawParty | RawHolding]:
    schema = str(data.get("schema", ""))
    props = data.get("properties", {})
    key = str(data.get("id", "")).strip()
    if schema in PARTY_SCHEMAS:
        kept = {p: tuple(_values(props, p)) for p in _KEEP if _values(props, p)}
        links = [str(r) for r in data.get("referents", ()) if is_listed_id(str(r))]
        yield RawParty(key, PARTY_SCHEMAS[schema], kept, tuple(links), name, line)
        return
    if schema == "Ownership":
        role = " ".join(_values(props, "role") + _values(props, "ownershipType"))
        for owner in _values(props, "owner") or [""]:
            for asset in _values(props, "asset") or [""]:
                yield RawHolding(
                    owner,
                    asset,
                    (_values(props, "percentage") or [""])[0],
                    (_values(props, "startDate") or [""])[0],
                    (_values(props, "endDate") or [""])[0],
                    "control" in role.lower(),
                    role,
                    name,
                    line,
                )
    elif schema == "Directorship":
        role = " ".join(_values(props, "role"))
        if "control" not in role.lower():
            return  # a seat on the board is not control by itself
        for director in _values(props, "director") or [""]:
            for org in _values(props, "organization") or [""]:
                yield RawHolding(
                    director,
                    org,
                    "",
                    (_values(props, "startDate") or [""])[0],
                    (_values(props, "endDate") or [""])[0],
                    True,
                    role,
                    name,
                    line,
                )
