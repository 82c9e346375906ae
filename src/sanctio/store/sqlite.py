"""The list store: one immutable version per import, on SQLite (default) or PostgreSQL.

`Store.open` takes a file path (SQLite in WAL mode, the embedded default) or a URL
`postgresql://user@host:port/dbname` (a server several instances share). The same queries
run on both (see `store/connection.py`); each import is one transaction holding the
writer's lock, and the database itself refuses edits to a version once written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctio.exceptions import NotFoundError, StoreError, StoreMissingError
from sanctio.model import Entity, Problem
from sanctio.store import migrations
from sanctio.store.connection import Database, DriverError, SqliteDatabase, connect, is_url
from sanctio.store.encoding import EncodedEntity, encode
from sanctio.store.versions import EntityHistory, HistoryEvent, StoredFile, Version

if TYPE_CHECKING:
    from sanctio.store.pool import ServerPool

#: One version's entities with their bodies, in entity id order, per dialect: SQLite reads
#: them as one aggregated value (one step instead of one per row, so a background index
#: build is not starved of the GIL by busy request threads: every step releases and
#: re-acquires it); PostgreSQL sends rows, decoded in C by psycopg.
_BODIES = {
    "sqlite": (
        "SELECT group_concat(hash || char(9) || data || char(9) || entity_id, char(10)) "
        "FROM (SELECT b.hash AS hash, b.data AS data, ve.entity_id AS entity_id "
        "FROM version_entities ve JOIN blobs b "
        "ON b.hash = ve.hash WHERE ve.version_id = ? ORDER BY ve.entity_id)"
    ),
    "postgresql": (
        "SELECT b.hash, b.data, ve.entity_id FROM version_entities ve JOIN blobs b "
        "ON b.hash = ve.hash WHERE ve.version_id = ? ORDER BY ve.entity_id"
    ),
}


def _text(value: str) -> str:
    """A problem's text as both databases keep it: PostgreSQL text holds no NUL character
    (a bad list file's quoted value may carry one), so it shows as U+FFFD."""
    return value.replace("\x00", "\ufffd")


def _decode(data: str, entity_id: str | None) -> Entity:
    """An entity from its stored body. Bodies are shared by content hash, which leaves the
    id out: two entities with the same content (a list's duplicate records) share one
    body, written with the first one's id, so the id comes from the version's row."""
    entity = Entity.from_dict(json.loads(data))
    if entity_id is None or entity.id == entity_id:
        return entity
    return dataclasses.replace(entity, id=entity_id)


class Store:
    """Versioned persistence of list imports. Use `Store.open(target)`; `:memory:` for tests."""

    def __init__(self, db: Database, path: str) -> None:
        self._db = db
        self.path = path

    @classmethod
    def open(
        cls, target: str | Path, *, create: bool = True, pool: ServerPool | None = None
    ) -> Store:
        """A SQLite path (or `:memory:`) or a PostgreSQL URL; migrated forward on open.
        `pool`: borrow a connection to the URL's server from it (closing returns it)."""
        name = str(target)
        if is_url(name):
            db = pool.database() if pool is not None else connect(name)
            try:
                if not create and not migrations.applied(db):
                    raise StoreMissingError(
                        f"{db.target}: no sanctio store in this database; run `sanctio db "
                        "migrate` or load lists first (sanctio lists load)"
                    )
                if migrations.pending(db):
                    migrations.migrate(db)
            except BaseException:
                db.close()
                raise
            return cls(db, db.target)
        if name != ":memory:":
            p = Path(name)
            if not p.exists() and not create:
                raise StoreMissingError(
                    f"{p}: no store here; load lists first (sanctio lists load)"
                )
            p.parent.mkdir(parents=True, exist_ok=True)
        sqlite = SqliteDatabase.connect(name)
        try:
            if migrations.pending(sqlite):
                # Only a new or older store is written to on open; readers of a current
                # store never take the write lock.
                if not migrations.applied(sqlite):
                    sqlite.run("PRAGMA journal_mode=WAL")
                migrations.migrate(sqlite)
            sqlite.run("PRAGMA synchronous=NORMAL")
        except StoreError as exc:
            sqlite.close()
            # SQLite's own cause; a failed migration says itself what it left applied.
            cause = f"{exc.cause}; nothing was changed" if isinstance(exc, DriverError) else exc
            raise StoreError(f"{name}: cannot open the store: {cause}") from exc
        return cls(sqlite, name)

    @property
    def database(self) -> Database:
        """The connection, for modules that keep their tables in the same store."""
        return self._db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside land together or not at all; one writer at a time.

        Any database failure (full disk, lock held past the wait, read-only file, server
        gone) leaves as a StoreError with the database's own cause, saying that nothing
        was changed (see `Database.transaction`)."""
        with self._db.transaction(exclusive=True):
            yield

    def find_fingerprint(self, fingerprint: str) -> Version | None:
        row = self._db.one("SELECT * FROM versions WHERE fingerprint = ?", (fingerprint,))
        return self._version(row) if row else None

    def add_version(
        self,
        *,
        source: str,
        format: str,
        published: dt.date,
        published_from: str,
        fingerprint: str,
        files: Sequence[StoredFile],
        entities: Sequence[Entity | EncodedEntity],
        problems: Sequence[Problem],
    ) -> Version:
        """Write one version; call inside `transaction()`. Entities may come pre-encoded
        (`encode`), as the importer's worker processes deliver them."""
        if not self._db.in_transaction:
            raise StoreError("add_version must run inside a transaction")
        counts: dict[str, int] = {}
        blobs: dict[str, str] = {}
        keyed: list[tuple[str, str]] = []
        seen: set[str] = set()
        for item in entities:
            row = item if isinstance(item, EncodedEntity) else encode(item)
            if row.id in seen:
                raise StoreError(f"{source}: duplicate entity id {row.id} in one version")
            seen.add(row.id)
            blobs.setdefault(row.hash, row.data)
            keyed.append((row.id, row.hash))
            counts[row.schema] = counts.get(row.schema, 0) + 1
        loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        created = self._db.one(
            "INSERT INTO versions (source, format, published, published_from, fingerprint, "
            "loaded_at, entity_count, problem_count, schema_counts) VALUES (?,?,?,?,?,?,?,?,?) "
            "RETURNING id",
            (
                source,
                format,
                published.isoformat(),
                published_from,
                fingerprint,
                loaded_at,
                len(keyed),
                len(problems),
                json.dumps(counts, sort_keys=True),
            ),
        )
        assert created is not None  # RETURNING always yields the new row
        version_id = int(created[0])
        # Key order keeps B-tree inserts local: less page churn than list (random) order.
        keyed.sort()
        self._db.insert_rows("blobs", ("hash", "data"), sorted(blobs.items()), skip_existing=True)
        self._db.insert_rows(
            "version_entities",
            ("version_id", "entity_id", "hash"),
            [(version_id, eid, digest) for eid, digest in keyed],
        )
        self._db.insert_rows(
            "version_files",
            ("version_id", "path", "sha256", "size"),
            [(version_id, f.path, f.sha256, f.size) for f in files],
        )
        self._db.insert_rows(
            "problems",
            ("version_id", "file", "location", "field", "value", "message"),
            [
                (version_id, *(_text(v) for v in (p.file, p.location, p.field, p.value, p.message)))
                for p in problems
            ],
        )
        return self.version(version_id)

    # -- reading -----------------------------------------------------------------------

    def _files(self, version_id: int) -> tuple[StoredFile, ...]:
        rows = self._db.rows(
            "SELECT path, sha256, size FROM version_files WHERE version_id = ? ORDER BY path",
            (version_id,),
        )
        return tuple(StoredFile(r[0], r[1], int(r[2])) for r in rows)

    def _version(self, row: Any) -> Version:
        return Version(
            id=int(row[0]),
            source=row[1],
            format=row[2],
            published=dt.date.fromisoformat(row[3]),
            published_from=row[4],
            fingerprint=row[5],
            loaded_at=row[6],
            entity_count=int(row[7]),
            problem_count=int(row[8]),
            schema_counts=json.loads(row[9]),
            files=self._files(int(row[0])),
        )

    def versions(self, source: str | None = None) -> list[Version]:
        """Versions in publication order (per source), oldest first."""
        sql = "SELECT * FROM versions"
        args: tuple[str, ...] = ()
        if source is not None:
            sql += " WHERE source = ?"
            args = (source,)
        rows = self._db.rows(sql + " ORDER BY source, published, id", args)
        return [self._version(r) for r in rows]

    def sources(self) -> list[str]:
        return [r[0] for r in self._db.rows("SELECT DISTINCT source FROM versions ORDER BY source")]

    def version(self, version_id: int) -> Version:
        row = self._db.one("SELECT * FROM versions WHERE id = ?", (version_id,))
        if row is None:
            raise NotFoundError(f"no list version with id {version_id}")
        return self._version(row)

    def resolve(self, ref: str, source: str | None = None) -> Version:
        """A version from `12`, `ofac-sdn@2022-02-26`, or `2022-02-26` with a source."""
        ref = ref.strip()
        if ref.isdigit():
            found = self.version(int(ref))
            if source is not None and found.source != source:
                raise NotFoundError(f"version {ref} belongs to {found.source}, not {source}")
            return found
        if "@" in ref:
            source, ref = ref.split("@", 1)
        if source is None:
            raise NotFoundError(f"{ref!r}: name a version as ID or SOURCE@YYYY-MM-DD")
        try:
            day = dt.date.fromisoformat(ref)
        except ValueError as exc:
            raise NotFoundError(f"{ref!r}: expected a version id or a date YYYY-MM-DD") from exc
        matches = [v for v in self.versions(source) if v.published == day]
        if not matches:
            raise NotFoundError(f"no {source} version published {day.isoformat()}")
        return matches[-1]

    def in_force(self, as_of: dt.date | None = None) -> dict[str, Version]:
        """For each source, the latest version published on or before `as_of` (default: any)."""
        out: dict[str, Version] = {}
        for version in self.versions():
            if as_of is not None and version.published > as_of:
                continue
            out[version.source] = version  # ordered by published: the last one wins
        return out

    def entities(self, version_ids: Iterable[int]) -> Iterator[Entity]:
        """Every entity of the given versions."""
        return (entity for _, entity in self.hashed_entities(version_ids))

    def hashed_entities(
        self, version_ids: Iterable[int], known: Mapping[str, Entity] | None = None
    ) -> Iterator[tuple[str, Entity]]:
        """(content hash, entity) for every entity of the given versions.

        An entity whose hash is in `known` (an earlier read's) is that object, not decoded
        again: a new version shares most bodies with the one before, and decoding is a
        fifth of an index build. Each version is read as one aggregated value: one SQLite
        step instead of one per row, so a background index build is not starved of the
        GIL by busy request threads (every step releases and re-acquires it).
        """
        known = known or {}
        for version_id in version_ids:
            for digest, data, entity_id in self._bodies(version_id):
                entity = known.get(digest)
                if entity is None or entity.id != entity_id:
                    entity = _decode(data, entity_id)
                yield digest, entity

    def _bodies(self, version_id: int) -> Iterator[tuple[str, str, str]]:
        """(hash, body JSON, entity id) in entity id order."""
        rows = self._db.rows(_BODIES[self._db.dialect], (version_id,))
        if self._db.dialect != "sqlite":
            yield from ((r[0], r[1], r[2]) for r in rows)
            return
        if not rows or rows[0][0] is None:
            return
        for line in rows[0][0].split("\n"):
            # JSON holds no raw tab: the hash ends at the first, the body at the last.
            digest, _, rest = line.partition("\t")
            data, _, entity_id = rest.rpartition("\t")
            yield digest, data, entity_id

    def hashes(self, version_id: int) -> dict[str, str]:
        rows = self._db.rows(
            "SELECT entity_id, hash FROM version_entities WHERE version_id = ?", (version_id,)
        )
        return {r[0]: r[1] for r in rows}

    def blob(self, digest: str, entity_id: str | None = None) -> Entity:
        """The body with this content hash, as entity `entity_id` (see `_decode`)."""
        row = self._db.one("SELECT data FROM blobs WHERE hash = ?", (digest,))
        if row is None:
            raise StoreError(f"store is inconsistent: missing entity body {digest}")
        return _decode(row[0], entity_id)

    def entity(self, entity_id: str, version_id: int | None = None) -> tuple[Entity, Version]:
        """The entity in the given version, or in the newest version that carries it."""
        sql = (
            "SELECT ve.version_id, ve.hash FROM version_entities ve "
            "JOIN versions v ON v.id = ve.version_id WHERE ve.entity_id = ?"
        )
        args: tuple[Any, ...] = (entity_id,)
        if version_id is not None:
            sql += " AND ve.version_id = ?"
            args = (entity_id, version_id)
        row = self._db.one(sql + " ORDER BY v.published DESC, v.id DESC LIMIT 1", args)
        if row is None:
            raise NotFoundError(f"no entity {entity_id!r} in the store")
        return self.blob(row[1], entity_id), self.version(int(row[0]))

    def history(self, entity_id: str) -> EntityHistory:
        """Added / changed / unchanged / removed across the versions of the entity's source."""
        source = entity_id.split(":", 1)[0]
        present = {
            int(r[0]): r[1]
            for r in self._db.rows(
                "SELECT version_id, hash FROM version_entities WHERE entity_id = ?", (entity_id,)
            )
        }
        if not present:
            raise NotFoundError(f"no entity {entity_id!r} in the store")
        events: list[HistoryEvent] = []
        previous: str | None = None
        for version in self.versions(source):
            digest = present.get(version.id)
            if digest is None:
                if previous is not None:
                    events.append(HistoryEvent(version, "removed"))
                previous = None
                continue
            if previous is None:
                event = "added" if not events else "relisted"
            else:
                event = "unchanged" if digest == previous else "changed"
            events.append(HistoryEvent(version, event))
            previous = digest
        return EntityHistory(entity_id, tuple(events))

    def problems(self, version_id: int) -> list[Problem]:
        rows = self._db.rows(
            "SELECT file, location, field, value, message FROM problems WHERE version_id = ?",
            (version_id,),
        )
        return [Problem(*r) for r in rows]
