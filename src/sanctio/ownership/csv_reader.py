"""The simple ownership CSV: one holding per row.

Columns (header required, any order): `owner_id, owner_name, asset_id, asset_name,
percentage` and optionally `start_date, end_date, control, owner_schema, asset_schema,
asset_country, asset_registration_number, asset_lei`. An id cell may carry several ids
separated by `;` (`putin;ofac-sdn:35096;uk-ofsi:14196`): the first is the party's key, the
listed ids among them say which list entries the party is.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from sanctio.exceptions import FormatError
from sanctio.ownership.rows import RawHolding, RawParty

REQUIRED = ("owner_id", "owner_name", "asset_id", "asset_name", "percentage")
_TRUE = {"1", "true", "yes", "y", "x", "control"}
_ASSET_PROPS = {
    "asset_country": "country",
    "asset_registration_number": "registrationNumber",
    "asset_lei": "leiCode",
}


def read_csv(path: Path) -> Iterator[RawParty | RawHolding]:
    """Parties and holdings as rows state them; structural failures raise FormatError."""
    name = str(path)
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or ()]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise FormatError(
                name,
                "line 1",
                f"missing column(s) {', '.join(missing)}; expected a header "
                f"with {', '.join(REQUIRED)}[, start_date, end_date, control]",
            )
        reader.fieldnames = header
        for row in reader:
            line = reader.line_num
            cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
            owner_ids = [x.strip() for x in cells["owner_id"].split(";") if x.strip()]
            asset_ids = [x.strip() for x in cells["asset_id"].split(";") if x.strip()]
            owner = owner_ids[0] if owner_ids else ""
            asset = asset_ids[0] if asset_ids else ""
            if owner:
                yield RawParty(
                    owner,
                    cells.get("owner_schema") or "",
                    {"name": (cells["owner_name"],)} if cells["owner_name"] else {},
                    tuple(owner_ids[1:]),
                    name,
                    line,
                )
            if asset:
                props = {"name": (cells["asset_name"],)} if cells["asset_name"] else {}
                for column, prop in _ASSET_PROPS.items():
                    if cells.get(column):
                        props[prop] = (cells[column],)
                yield RawParty(
                    asset,
                    cells.get("asset_schema") or "Company",
                    props,
                    tuple(asset_ids[1:]),
                    name,
                    line,
                )
            yield RawHolding(
                owner,
                asset,
                cells["percentage"],
                cells.get("start_date", ""),
                cells.get("end_date", ""),
                cells.get("control", "").lower() in _TRUE,
                "control" if cells.get("control", "").lower() in _TRUE else "",
                name,
                line,
            )
