"""Ownership versions in the store: written in one transaction, never changed, all kept."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

from sanctio.exceptions import NotFoundError, StoreError
from sanctio.model import Problem
from sanctio.model.ownership import Holding, OwnershipData, OwnershipVersion, Party
from sanctio.store.connection import Database
from sanctio.store.sqlite import Store

#: (owner, asset, percentage as written or None, start, end, control)
HoldingRow = tuple[str, str, str | None, str, str, int]

_HOLDING_COLUMNS = (
    "version_id",
    "seq",
    "owner",
    "asset",
    "percentage",
    "start_date",
    "end_date",
    "control",
    "role",
    "file",
    "line",
)
_COLUMNS = "id, format, path, sha256, loaded_at, party_count, holding_count, problem_count"


def _version(row: Sequence[Any]) -> OwnershipVersion:
    return OwnershipVersion(
        int(row[0]), row[1], row[2], row[3], row[4], int(row[5]), int(row[6]), int(row[7])
    )


class OwnershipStore:
    """Ownership tables of one `Store` (same database, same connection, same transactions:
    SQLite or PostgreSQL through the store's `Database`)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db: Database = store.database

    def find(self, sha256: str) -> OwnershipVersion | None:
        row = self._db.one(
            f"SELECT {_COLUMNS} FROM ownership_versions WHERE sha256 = ? ORDER BY id DESC",
            (sha256,),
        )
        return _version(row) if row else None

    def add(
        self, *, fmt: str, path: str, sha256: str, data: OwnershipData, problems: Sequence[Problem]
    ) -> OwnershipVersion:
        """Write one version; all or nothing (one transaction under the store's writer lock)."""
        with self._store.transaction():
            created = self._db.one(
                "INSERT INTO ownership_versions (format, path, sha256, loaded_at, party_count, "
                "holding_count, problem_count) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    fmt,
                    path,
                    sha256,
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    len(data.parties),
                    len(data.holdings),
                    len(problems),
                ),
            )
            if created is None:
                raise StoreError(f"{self._db.target}: the ownership version got no id")
            vid = int(created[0])
            self._db.insert_rows(
                "ownership_parties",
                ("version_id", "key", "listed_ids", "data"),
                [
                    (
                        vid,
                        p.key,
                        " ".join(p.listed_ids),
                        json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True),
                    )
                    for p in data.parties.values()
                ],
            )
            self._db.insert_rows(
                "ownership_holdings",
                _HOLDING_COLUMNS,
                [
                    (
                        vid,
                        seq,
                        h.owner,
                        h.asset,
                        None if h.percentage is None else str(h.percentage),
                        h.start,
                        h.end,
                        int(h.control),
                        h.role,
                        h.file,
                        h.line,
                    )
                    for seq, h in enumerate(data.holdings)
                ],
            )
            self._db.insert_rows(
                "ownership_problems",
                ("version_id", "file", "location", "field", "value", "message"),
                [(vid, p.file, p.location, p.field, p.value, p.message) for p in problems],
            )
        return self.version(vid)

    def versions(self) -> list[OwnershipVersion]:
        rows = self._db.rows(f"SELECT {_COLUMNS} FROM ownership_versions ORDER BY id")
        return [_version(r) for r in rows]

    def version(self, version_id: int) -> OwnershipVersion:
        row = self._db.one(f"SELECT {_COLUMNS} FROM ownership_versions WHERE id = ?", (version_id,))
        if row is None:
            raise NotFoundError(f"no ownership version with id {version_id}")
        return _version(row)

    def latest(self) -> OwnershipVersion | None:
        row = self._db.one(f"SELECT {_COLUMNS} FROM ownership_versions ORDER BY id DESC LIMIT 1")
        return _version(row) if row else None

    def data(self, version_id: int) -> OwnershipData:
        parties = {
            key: Party.from_dict(json.loads(data))
            for key, data in self._db.rows(
                "SELECT key, data FROM ownership_parties WHERE version_id = ? ORDER BY key",
                (version_id,),
            )
        }
        holdings = tuple(
            Holding(
                r[0],
                r[1],
                None if r[2] is None else Decimal(r[2]),
                r[3],
                r[4],
                bool(r[5]),
                r[6],
                r[7],
                int(r[8]),
            )
            for r in self._db.rows(
                "SELECT owner, asset, percentage, start_date, end_date, control, role, file, "
                "line FROM ownership_holdings WHERE version_id = ? ORDER BY seq",
                (version_id,),
            )
        )
        for h in holdings:
            if h.owner not in parties or h.asset not in parties:
                raise StoreError(f"ownership version {version_id} is inconsistent at {h.line}")
        return OwnershipData(parties, holdings)

    def holding_rows(self, version_id: int) -> list[HoldingRow]:
        """(owner, asset, percentage or None, start, end, control) per holding, in file
        order: what the rules need, without building an object per holding."""
        rows = self._db.rows(
            "SELECT owner, asset, percentage, start_date, end_date, control "
            "FROM ownership_holdings WHERE version_id = ? ORDER BY seq",
            (version_id,),
        )
        # The columns' SQL types are these Python types on both backends (TEXT, INTEGER).
        return cast(list[HoldingRow], rows)

    def listed_parties(self, version_id: int) -> dict[str, tuple[str, ...]]:
        """Party key -> the list entries it is, for parties that are any."""
        rows = self._db.rows(
            "SELECT key, listed_ids FROM ownership_parties WHERE version_id = ? "
            "AND listed_ids != ''",
            (version_id,),
        )
        return {key: tuple(ids.split()) for key, ids in rows}

    def party(self, version_id: int, key: str) -> Party | None:
        row = self._db.one(
            "SELECT data FROM ownership_parties WHERE version_id = ? AND key = ?",
            (version_id, key),
        )
        return Party.from_dict(json.loads(row[0])) if row else None

    def party_keys(self, version_id: int) -> Iterator[str]:
        """The keys of a version's parties, in key order, read in batches."""
        for batch in self._db.batches(
            "SELECT key FROM ownership_parties WHERE version_id = ? ORDER BY key",
            (version_id,),
        ):
            for row in batch:
                yield str(row[0])

    def problems(self, version_id: int) -> list[Problem]:
        rows = self._db.rows(
            "SELECT file, location, field, value, message FROM ownership_problems "
            "WHERE version_id = ?",
            (version_id,),
        )
        return [Problem(*r) for r in rows]

    def known_entity(self, entity_id: str) -> bool:
        """A list entity with this id is in some version of the store."""
        row = self._db.one(
            "SELECT 1 FROM version_entities WHERE entity_id = ? LIMIT 1", (entity_id,)
        )
        return row is not None


class StoredParties(Mapping[str, Party]):
    """The parties of one version, read from the store when asked for (the rules name a few
    of them in explanations and derived entities, not all of a large file). Use while the
    store is open."""

    def __init__(self, owned: OwnershipStore, version_id: int) -> None:
        self._owned = owned
        self._version_id = version_id
        self._cache: dict[str, Party | None] = {}

    def __getitem__(self, key: str) -> Party:
        if key not in self._cache:
            self._cache[key] = self._owned.party(self._version_id, key)
        found = self._cache[key]
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return self._owned.party_keys(self._version_id)

    def __len__(self) -> int:
        return self._owned.version(self._version_id).party_count
