"""Read an ownership file and check it: parties merged by key, bad holdings reported.

A holding is dropped, with a problem naming the file and line, when its percentage is not
a number from 0 to 100, a date is malformed, it holds nothing and controls nothing, or an
owner/asset is neither a party of the file nor a listed entity the store knows. Holdings
that make an asset's shares total more than 100% on some day (a cross-holding cycle
included) are reported and kept: which of them is wrong the file does not say, and keeping
them can only make a rule block more, never less.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from sanctio.exceptions import FormatError
from sanctio.model import Problem
from sanctio.model.ownership import Holding, OwnershipData, Party, day_bounds
from sanctio.ownership.csv_reader import read_csv
from sanctio.ownership.ftm_reader import read_ftm
from sanctio.ownership.refs import check_date, is_listed_id, parse_percentage
from sanctio.ownership.rows import RawHolding, RawParty

HUNDRED = Decimal(100)


def detect(path: Path) -> str:
    """`ftm` or `csv`, from the name and the first character."""
    suffix = "".join(path.suffixes[-2:]).lower()
    if suffix.endswith(".csv"):
        return "csv"
    if suffix.endswith((".json", ".jsonl", ".ndjson", ".ftm")):
        return "ftm"
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "ftm"
    if b"owner_id" in head:
        return "csv"
    raise FormatError(
        str(path),
        "",
        "not an ownership file: expected FollowTheMoney JSON lines (.json, "
        ".jsonl) or a CSV with owner_id, owner_name, asset_id, asset_name, percentage",
    )


def read_rows(path: Path, fmt: str) -> Iterator[RawParty | RawHolding]:
    return read_csv(path) if fmt == "csv" else read_ftm(path)


def _merge(
    parties: dict[str, dict[str, list[str]]],
    schemas: dict[str, str],
    raw: RawParty,
    links: dict[str, list[str]],
) -> None:
    bucket = parties.setdefault(raw.key, {})
    for prop, values in raw.properties.items():
        have = bucket.setdefault(prop, [])
        have.extend(v for v in values if v not in have)
    if raw.schema and (raw.key not in schemas or schemas[raw.key] == "LegalEntity"):
        schemas[raw.key] = raw.schema
    for ref in raw.linked_ids:
        if ref not in links.setdefault(raw.key, []):
            links[raw.key].append(ref)


def build(
    rows: Iterable[RawParty | RawHolding], known: Callable[[str], bool]
) -> tuple[OwnershipData, list[Problem]]:
    """Check raw rows into parties and holdings; `known(id)` says a listed id exists."""
    props: dict[str, dict[str, list[str]]] = {}
    schemas: dict[str, str] = {}
    links: dict[str, list[str]] = {}
    raw_holdings: list[RawHolding] = []
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    for row in rows:
        if isinstance(row, RawParty):
            if not row.key:
                problems.append(Problem(row.file, f"line {row.line}", "id", "", "party has no id"))
                continue
            _merge(props, schemas, row, links)
            first.setdefault(row.key, (row.file, row.line))
        else:
            raw_holdings.append(row)
    parties: dict[str, Party] = {}
    alias: dict[str, str] = {}
    for key, values in props.items():
        listed = [key] if is_listed_id(key) else []
        listed += [r for r in links.get(key, []) if r not in listed]
        for ref in listed:
            if not known(ref) and (values.get("name") or ref != key):
                file, line = first[key]
                problems.append(
                    Problem(
                        file,
                        f"line {line}",
                        "id",
                        ref,
                        "no list version loaded so far has "
                        "this id: the party counts as listed once one does (a typo?)",
                    )
                )
        named = bool(values.get("name"))
        if not named and not any(known(r) for r in listed):
            continue  # a bare reference: resolved (or reported) with the holdings
        for ref in listed:
            alias.setdefault(ref, key)
        parties[key] = Party(
            key,
            schemas.get(key) or "LegalEntity",
            {p: tuple(v) for p, v in values.items() if v},
            tuple(listed),
        )

    def resolve(ref: str, field: str, raw: RawHolding) -> str | None:
        if ref in parties:
            return ref
        if ref in alias:
            return alias[ref]
        if is_listed_id(ref) and known(ref):
            parties[ref] = Party(ref, "LegalEntity", {}, (ref,))
            return ref
        why = (
            "no list entry with this id is in the store"
            if is_listed_id(ref)
            else "not a party of the file (no name given) nor a listed entity id such as "
            "ofac-sdn:35096"
        )
        problems.append(
            Problem(raw.file, f"line {raw.line}", field, ref, f"unknown reference: {why}")
        )
        return None

    holdings: list[Holding] = []
    for raw in raw_holdings:
        holding = _check(raw, problems, resolve)
        if holding is not None:
            holdings.append(holding)
    problems.extend(totals(holdings))
    return OwnershipData(parties, tuple(holdings)), problems


def _check(
    raw: RawHolding, problems: list[Problem], resolve: Callable[[str, str, RawHolding], str | None]
) -> Holding | None:
    where = f"line {raw.line}"
    try:
        pct = parse_percentage(raw.percentage)
    except ValueError as exc:
        problems.append(Problem(raw.file, where, "percentage", raw.percentage, str(exc)))
        return None
    if pct is not None and not (0 <= pct <= HUNDRED):
        problems.append(
            Problem(
                raw.file,
                where,
                "percentage",
                raw.percentage,
                "outside 0-100: expected a share in percent",
            )
        )
        return None
    dates: list[str] = []
    for field, text in (("start_date", raw.start), ("end_date", raw.end)):
        try:
            dates.append(check_date(text))
        except ValueError as exc:
            problems.append(Problem(raw.file, where, field, text, str(exc)))
            return None
    if dates[0] and dates[1] and day_bounds(dates[0], end=False) > day_bounds(dates[1], end=True):
        problems.append(Problem(raw.file, where, "end_date", dates[1], "ends before it starts"))
        return None
    if pct is None and not raw.control:
        problems.append(
            Problem(raw.file, where, "percentage", "", "no percentage and no control: expected one")
        )
        return None
    owner = resolve(raw.owner, "owner", raw) if raw.owner else None
    asset = resolve(raw.asset, "asset", raw) if raw.asset else None
    if not raw.owner or not raw.asset:
        field = "owner" if not raw.owner else "asset"
        problems.append(Problem(raw.file, where, field, "", "missing reference"))
        return None
    if owner is None or asset is None:
        return None
    if owner == asset:
        problems.append(
            Problem(
                raw.file,
                where,
                "asset",
                raw.asset,
                "a party holding itself (treasury shares) is ignored",
            )
        )
        return None
    return Holding(owner, asset, pct, dates[0], dates[1], raw.control, raw.role, raw.file, raw.line)


def totals(holdings: Iterable[Holding]) -> list[Problem]:
    """Assets whose shares sum to more than 100% on some day (holdings overlapping in time)."""
    by_asset: dict[str, list[Holding]] = defaultdict(list)
    for h in holdings:
        if h.percentage:
            by_asset[h.asset].append(h)
    problems: list[Problem] = []
    for asset, group in by_asset.items():
        if sum((h.percentage or Decimal(0)) for h in group) <= HUNDRED:
            continue
        spans = [(day_bounds(h.start, end=False), day_bounds(h.end, end=True), h) for h in group]
        for start, _, _ in sorted(spans, key=lambda s: s[0]):
            live = [h for s, e, h in spans if s <= start <= e]
            total = sum((h.percentage or Decimal(0)) for h in live)
            if total > HUNDRED:
                last = max(live, key=lambda h: h.line)
                lines = ", ".join(str(h.line) for h in sorted(live, key=lambda h: h.line))
                problems.append(
                    Problem(
                        last.file,
                        f"line {last.line}",
                        "percentage",
                        str(last.percentage),
                        f"shares held in {asset} total {total}% (lines {lines}); expected "
                        "at most 100%",
                    )
                )
                break
    return problems
