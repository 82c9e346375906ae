"""The embedded store: SQLite in WAL mode, one transaction per import, immutable versions."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sanctio.exceptions import NotFoundError, StoreError
from sanctio.model import Entity, Problem
from sanctio.store import migrations
from sanctio.store.encoding import EncodedEntity, encode
from sanctio.store.versions import EntityHistory, HistoryEvent, StoredFile, Version

#: Page cache while writing, in KiB (negative: SQLite's unit for a size, not pages).
_WRITE_CACHE = -32768
#: Seconds a writer waits for another's write lock before giving up.
LOCK_WAIT = 30.0

#: SQLite's primary result code -> what it means to an operator.
_CAUSES: dict[str, str] = {
    "SQLITE_FULL": "the disk (or the store's size limit) is full",
    "SQLITE_BUSY": "another process held the store's write lock past the wait",
    "SQLITE_LOCKED": "the store is locked by another connection",
    "SQLITE_READONLY": "the store file or its folder is read-only",
    "SQLITE_CANTOPEN": "the store file cannot be opened (missing folder or permissions)",
    "SQLITE_NOTADB": "the file is not a sanctio store (not an SQLite database)",
    "SQLITE_CORRUPT": "the store file is damaged",
    "SQLITE_IOERR": "the disk reported an I/O error",
    "SQLITE_PERM": "permission denied",
}


def sqlite_cause(exc: sqlite3.Error) -> str:
    """`database or disk is full (SQLITE_FULL: the disk ... is full)`: SQLite's words and
    what they mean; the real cause, never a follow-on error."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if not name:
        return str(exc)
    meaning = _CAUSES.get("_".join(name.split("_")[:2]))  # SQLITE_IOERR_WRITE -> SQLITE_IOERR
    return f"{exc} ({name}: {meaning})" if meaning else f"{exc} ({name})"


class Store:
    """Versioned persistence of list imports. Use `Store.open(path)`; `:memory:` for tests."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        target = str(path)
        if target != ":memory:":
            p = Path(target)
            if not p.exists() and not create:
                raise StoreError(f"{p}: no store here; load lists first (sanctio lists load)")
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(
                target, timeout=LOCK_WAIT, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA foreign_keys=ON")
            if migrations.pending(conn):
                # Only a new or older store is written to on open; readers of a current
                # store never take the write lock.
                if not migrations.applied(conn):
                    conn.execute("PRAGMA journal_mode=WAL")
                migrations.migrate(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(
                f"{target}: cannot open the store: {sqlite_cause(exc)}; nothing was changed"
            ) from exc
        return cls(conn, target)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside land together or not at all.

        Any SQLite failure (full disk, lock held past the wait, read-only file) becomes a
        StoreError carrying SQLite's own cause and saying that nothing was changed: the
        transaction is rolled back (SQLite may already have done so itself, which must not
        hide the cause behind "cannot rollback - no transaction is active").
        """
        # An import writes ~100 MB in one transaction: with the default 2 MB page cache
        # SQLite keeps spilling and re-reading pages (~40% more CPU for the writes).
        conn = self._conn
        try:
            previous = int(conn.execute("PRAGMA cache_size").fetchone()[0])
            conn.execute(f"PRAGMA cache_size={_WRITE_CACHE}")
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.path}: cannot start writing: {sqlite_cause(exc)}; nothing was changed"
            ) from exc
        try:
            try:
                yield
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"{self.path}: writing failed: {sqlite_cause(exc)}; nothing was "
                        "changed (the transaction was rolled back)"
                    ) from exc
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise StoreError(
                    f"{self.path}: committing failed: {sqlite_cause(exc)}; nothing was "
                    "changed (the transaction was rolled back)"
                ) from exc
        finally:
            with suppress(sqlite3.Error):
                conn.execute(f"PRAGMA cache_size={previous}")

    def _rollback(self) -> None:
        """Roll back if SQLite has not already (it does after SQLITE_FULL, for one)."""
        if self._conn.in_transaction:
            with suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def find_fingerprint(self, fingerprint: str) -> Version | None:
        row = self._conn.execute(
            "SELECT * FROM versions WHERE fingerprint = ?", (fingerprint,)
        ).fetchone()
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
        if not self._conn.in_transaction:
            raise StoreError("add_version must run inside a transaction")
        counts: dict[str, int] = {}
        blobs: list[tuple[str, str]] = []
        keyed: list[tuple[str, str]] = []
        seen: set[str] = set()
        for item in entities:
            row = item if isinstance(item, EncodedEntity) else encode(item)
            if row.id in seen:
                raise StoreError(f"{source}: duplicate entity id {row.id} in one version")
            seen.add(row.id)
            blobs.append((row.hash, row.data))
            keyed.append((row.id, row.hash))
            counts[row.schema] = counts.get(row.schema, 0) + 1
        loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        cur = self._conn.execute(
            "INSERT INTO versions (source, format, published, published_from, fingerprint, "
            "loaded_at, entity_count, problem_count, schema_counts) VALUES (?,?,?,?,?,?,?,?,?)",
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
        version_id = int(cur.lastrowid or 0)
        # Key order keeps B-tree inserts local: less page churn than list (random) order.
        blobs.sort()
        keyed.sort()
        self._conn.executemany("INSERT OR IGNORE INTO blobs (hash, data) VALUES (?, ?)", blobs)
        self._conn.executemany(
            "INSERT INTO version_entities (version_id, entity_id, hash) VALUES (?, ?, ?)",
            [(version_id, eid, digest) for eid, digest in keyed],
        )
        self._conn.executemany(
            "INSERT INTO version_files (version_id, path, sha256, size) VALUES (?, ?, ?, ?)",
            [(version_id, f.path, f.sha256, f.size) for f in files],
        )
        self._conn.executemany(
            "INSERT INTO problems (version_id, file, location, field, value, message) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(version_id, p.file, p.location, p.field, p.value, p.message) for p in problems],
        )
        return self.version(version_id)

    # -- reading -----------------------------------------------------------------------

    def _files(self, version_id: int) -> tuple[StoredFile, ...]:
        rows = self._conn.execute(
            "SELECT path, sha256, size FROM version_files WHERE version_id = ? ORDER BY path",
            (version_id,),
        ).fetchall()
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
        rows = self._conn.execute(sql + " ORDER BY source, published, id", args).fetchall()
        return [self._version(r) for r in rows]

    def sources(self) -> list[str]:
        return [
            r[0] for r in self._conn.execute("SELECT DISTINCT source FROM versions ORDER BY source")
        ]

    def version(self, version_id: int) -> Version:
        row = self._conn.execute("SELECT * FROM versions WHERE id = ?", (version_id,)).fetchone()
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
            row = self._conn.execute(
                "SELECT group_concat(hash || char(9) || data, char(10)) FROM (SELECT "
                "b.hash AS hash, b.data AS data FROM version_entities ve JOIN blobs b "
                "ON b.hash = ve.hash WHERE ve.version_id = ? ORDER BY ve.entity_id)",
                (version_id,),
            ).fetchone()
            if row is None or row[0] is None:
                continue
            for line in row[0].split("\n"):
                digest, _, data = line.partition("\t")
                entity = known.get(digest)
                yield digest, entity if entity is not None else Entity.from_dict(json.loads(data))

    def hashes(self, version_id: int) -> dict[str, str]:
        return dict(
            self._conn.execute(
                "SELECT entity_id, hash FROM version_entities WHERE version_id = ?", (version_id,)
            ).fetchall()
        )

    def blob(self, digest: str) -> Entity:
        row = self._conn.execute("SELECT data FROM blobs WHERE hash = ?", (digest,)).fetchone()
        if row is None:
            raise StoreError(f"store is inconsistent: missing entity body {digest}")
        return Entity.from_dict(json.loads(row[0]))

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
        row = self._conn.execute(
            sql + " ORDER BY v.published DESC, v.id DESC LIMIT 1", args
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no entity {entity_id!r} in the store")
        return self.blob(row[1]), self.version(int(row[0]))

    def history(self, entity_id: str) -> EntityHistory:
        """Added / changed / unchanged / removed across the versions of the entity's source."""
        source = entity_id.split(":", 1)[0]
        present = dict(
            self._conn.execute(
                "SELECT version_id, hash FROM version_entities WHERE entity_id = ?", (entity_id,)
            ).fetchall()
        )
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
        rows = self._conn.execute(
            "SELECT file, location, field, value, message FROM problems WHERE version_id = ?",
            (version_id,),
        ).fetchall()
        return [Problem(*r) for r in rows]
