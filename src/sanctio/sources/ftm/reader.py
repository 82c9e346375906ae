"""FollowTheMoney JSON lines (OpenSanctions exports, custom lists) -> sanctio entities.

One JSON object per line: `{"id", "schema", "properties": {prop: [values]}}`, optionally
with OpenSanctions' `datasets`, `referents`, `first_seen`, `last_seen`, ... (ignored apart
from `last_seen`, whose latest date stands in for the publication date). Only matchable
subjects are kept (`Person`, `Organization`, `Company`, `LegalEntity`, `Vessel`,
`Airplane`; sub-schemas such as `PublicBody` map to their nearest kept ancestor).
`Sanction` records add `program`, `programId` and `createdAt` (from `listingDate`) to the
entity they name; edge records (`UnknownLink`, `Family`, `Ownership`, ...) between kept
entities become relations; every other schema is counted in `FtmStats.ignored`.

followthemoney costs seconds to import, so it is imported inside `read` only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctio.exceptions import FormatError
from sanctio.model import SCHEMAS, EntityBuilder, clean_text
from sanctio.sources.base import ParsedList, ProblemLog

if TYPE_CHECKING:
    from followthemoney.model import Model
    from followthemoney.property import Property
    from followthemoney.schema import Schema

FORMAT = "ftm-jsonl"
_SUFFIXES = (".json", ".jsonl", ".ijson", ".ndjson")
_FIRST_LINE_LIMIT = 1 << 20
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_EXPECTED = "expected FollowTheMoney JSON lines: one JSON object per line with `id` and `schema`"


@dataclass(slots=True)
class FtmStats:
    """What a read did with the records that are not kept as entities."""

    entities: int = 0
    sanctions_applied: int = 0
    relations: int = 0
    mapped: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class _State:
    """Everything collected across the lines of one read, resolved at the end."""

    source: str
    builders: dict[str, EntityBuilder] = field(default_factory=dict)
    sanctions: list[tuple[list[str], Mapping[str, list[str]]]] = field(default_factory=list)
    edges: list[tuple[str, list[str], list[str], Mapping[str, list[str]]]] = field(
        default_factory=list
    )
    last_seen: dt.date | None = None
    stats: FtmStats = field(default_factory=FtmStats)


def _first_line(path: Path, head: bytes) -> bytes:
    """The first non-blank line, read on from the file when it is longer than the head."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if b"\n" in text:
        return text.split(b"\n", 1)[0]
    with path.open("rb") as fh:
        skipped = len(head) - len(text)
        fh.seek(skipped)
        return fh.readline(_FIRST_LINE_LIMIT)


def _header_ok(line: bytes) -> bool:
    try:
        obj = json.loads(line.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(obj, dict) and "schema" in obj and "id" in obj


class FtmReader:
    """Reads FollowTheMoney entity JSON lines (flat or OpenSanctions nested exports)."""

    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> str | None:
        if not path.name.lower().endswith(_SUFFIXES):
            return None
        line = _first_line(path, head)
        return "ftm" if line.startswith(b"{") and _header_ok(line) else None

    def companion(self, path: Path) -> bool:
        return False

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        return self.read_with_stats(paths, source)[0]

    def read_with_stats(self, paths: Sequence[Path], source: str) -> tuple[ParsedList, FtmStats]:
        """`read`, plus counts of the records that were mapped, used or ignored."""
        from followthemoney import model

        state = _State(source)
        problems = []
        for path in paths:
            log = ProblemLog(path)
            for number, obj in _records(path, log):
                _record(state, obj, f"line {number}", log, model)
            problems.extend(log.problems)
        _resolve(state)
        entities = [b.build() for b in state.builders.values()]
        state.stats.entities = len(entities)
        parsed = ParsedList(source, FORMAT, tuple(paths), state.last_seen, entities, problems)
        return parsed, state.stats


def _records(path: Path, log: ProblemLog) -> Iterator[tuple[int, dict[str, Any]]]:
    """JSON objects with their line numbers; the first record must be sound, later ones may not."""
    seen_first = False
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"line {number}"
            try:
                obj = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError as exc:
                if not seen_first:
                    raise FormatError(
                        str(path), where, f"not UTF-8 ({exc.reason}); {_EXPECTED}"
                    ) from None
                log.add(where, "line", _preview_raw(raw), "not UTF-8; skipped")
                continue
            except json.JSONDecodeError as exc:
                if not seen_first:
                    raise FormatError(
                        str(path), where, f"not JSON ({exc.msg}); {_EXPECTED}"
                    ) from None
                log.add(where, "line", _preview_raw(raw), f"not JSON ({exc.msg}); skipped")
                continue
            if not seen_first and not (isinstance(obj, dict) and "id" in obj and "schema" in obj):
                raise FormatError(str(path), where, _EXPECTED)
            seen_first = True
            if not isinstance(obj, dict):
                log.add(where, "line", str(obj)[:80], "expected a JSON object; skipped")
                continue
            yield number, obj
    if not seen_first:
        raise FormatError(str(path), "", f"file is empty; {_EXPECTED}")


def _text_id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return clean_text(value) or None


def _kept_schema(schema: Schema, model: Model) -> Schema | None:
    """The schema itself when kept, else its most specific kept ancestor, else None."""
    if schema.name in SCHEMAS:
        return schema
    best: Schema | None = None
    for candidate in (model.get(name) for name in SCHEMAS if schema.is_a(name)):
        if candidate is None:
            continue
        if best is None or candidate.is_a(best):
            best = candidate
    return best


def _record(state: _State, obj: dict[str, Any], where: str, log: ProblemLog, model: Model) -> None:
    native = _text_id(obj.get("id"))
    if native is None:
        log.add(where, "id", obj.get("id"), "expected a non-empty string id; record skipped")
        return
    schema_name = obj.get("schema")
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        log.add(where, "schema", schema_name, "unknown FollowTheMoney schema; record skipped")
        return
    props = obj.get("properties", {})
    if not isinstance(props, dict):
        log.add(where, "properties", str(props)[:80], "expected a JSON object; record skipped")
        return
    _note_last_seen(state, obj.get("last_seen"))
    _dispatch(state, native, schema, props, where, log, model)


def _dispatch(
    state: _State,
    native: str,
    schema: Schema,
    props: dict[str, Any],
    where: str,
    log: ProblemLog,
    model: Model,
    owner: str | None = None,
) -> None:
    if schema.name == "Sanction":
        refs = _refs(props.get("entity"))
        state.sanctions.append(([owner] if owner else refs, _strings(props)))
        return
    if schema.edge and schema.edge_source and schema.edge_target:
        sources = _refs(props.get(schema.edge_source))
        state.edges.append(
            (schema.name, sources, _refs(props.get(schema.edge_target)), _strings(props))
        )
        return
    kept = _kept_schema(schema, model)
    if kept is None or owner is not None:
        state.stats.ignored[schema.name] += 1
        return
    if kept is not schema:
        state.stats.mapped[f"{schema.name}->{kept.name}"] += 1
    builder = state.builders.get(native)
    if builder is None:
        builder = state.builders[native] = EntityBuilder(state.source, native, kept.name)
    elif builder.schema != kept.name:
        log.add(
            where,
            "schema",
            schema.name,
            f"id {native!r} was already read as a {builder.schema}; record skipped",
        )
        return
    for name, values in props.items():
        prop = kept.get(name)
        if prop is None:
            if schema.get(name) is None:
                log.add(where, name, _preview(values), f"not a property of {schema.name}; dropped")
            continue
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, dict):
                _nested(state, native, value, where, log, model)
            elif not prop.stub and prop.type.name != "entity":
                _add_value(builder, prop, value, where, log)
            elif name == "holder" and kept.name == "CryptoWallet" and isinstance(value, str):
                builder.add("holder", f"{state.source}:{value}")  # a sanctio id, as OFAC's


def _nested(
    state: _State, owner: str, obj: dict[str, Any], where: str, log: ProblemLog, model: Model
) -> None:
    """A nested entity (OpenSanctions `targets.nested.json`): sanctions apply to their owner."""
    schema_name = obj.get("schema")
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    props = obj.get("properties")
    if schema is None or not isinstance(props, dict):
        state.stats.ignored["(nested, unreadable)"] += 1
        return
    if schema.edge and owner not in _refs(props.get(schema.edge_source)):
        state.stats.ignored[schema.name] += 1  # the owner is the edge's target: not its statement
        return
    _dispatch(state, _text_id(obj.get("id")) or "", schema, props, where, log, model, owner)


def _add_value(
    builder: EntityBuilder, prop: Property, value: object, where: str, log: ProblemLog
) -> None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        log.add(where, prop.name, _preview(value), "expected a string value; dropped")
        return
    text = clean_text(value)
    if not text:
        return
    if not prop.type.validate(text):
        cleaned = prop.type.clean(text)
        if cleaned is None:
            log.add(where, prop.name, text, f"not a valid {prop.type.name} value; dropped")
            return
        text = cleaned
    if prop.type.name == "country":
        text = text.lower()
    builder.add(prop.name, text)


def _resolve(state: _State) -> None:
    """Apply sanctions and edges to the entities they name, now that all lines are read."""
    for refs, props in state.sanctions:
        listed = [state.builders[r] for r in refs if r in state.builders]
        if not listed:
            state.stats.ignored["Sanction"] += 1
            continue
        state.stats.sanctions_applied += 1
        for entity in listed:
            entity.add("program", *props.get("program", ()))
            entity.add("programId", *props.get("programId", ()))
            entity.add("createdAt", *props.get("listingDate", ()))
    for schema_name, sources, targets, props in state.edges:
        if _link(state, schema_name, sources, targets, props):
            state.stats.relations += 1
        else:
            state.stats.ignored[schema_name] += 1


def _link(
    state: _State,
    schema_name: str,
    sources: list[str],
    targets: list[str],
    props: Mapping[str, list[str]],
) -> bool:
    """Add one edge as relations of its source entities; False when none was in the file."""
    kinds = props.get("role") or props.get("relationship") or [schema_name]
    used = False
    for src in sources:
        entity = state.builders.get(src)
        if entity is None:
            continue
        for tgt in targets:
            other = state.builders.get(tgt)
            if other is not None:
                entity.link(kinds[0], (other.get("name") or [tgt])[0], other.id)
                used = True
            elif schema_name == "UnknownLink" and props.get("description"):
                # The target is not in this file: keep the name our export gave it.
                entity.link(kinds[0], props["description"][0])
                used = True
    return used


def _refs(values: object) -> list[str]:
    """Entity ids a reference property holds (ids, or nested entity objects)."""
    out: list[str] = []
    for value in values if isinstance(values, list) else [values]:
        ref = _text_id(value.get("id")) if isinstance(value, dict) else _text_id(value)
        if ref:
            out.append(ref)
    return out


def _strings(props: Mapping[str, Any]) -> dict[str, list[str]]:
    """The plain-text values of a sanction's or edge's properties."""
    out: dict[str, list[str]] = {}
    for name, values in props.items():
        texts = [
            clean_text(v)
            for v in (values if isinstance(values, list) else [values])
            if isinstance(v, str | int) and not isinstance(v, bool)
        ]
        if any(texts):
            out[name] = [t for t in texts if t]
    return out


def _note_last_seen(state: _State, value: object) -> None:
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return
    if state.last_seen is None or day > state.last_seen:
        state.last_seen = day


def _preview_raw(raw: bytes) -> str:
    return raw[:80].decode("utf-8", "replace").strip()


def _preview(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)[:80]


READER = FtmReader()
