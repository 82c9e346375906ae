"""Ownership versions in the store: written in one transaction, never changed, all kept."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sanctio.exceptions import NotFoundError, StoreError
from sanctio.model import Problem
from sanctio.model.ownership import Holding, OwnershipData, OwnershipVersion, Party
from sanctio.store.sqlite import Store

#: (owner, asset, percentage as written or None, start, end, control)
HoldingRow = tuple[str, str, str | None, str, str, int]

_COLUMNS = "id, format, path, sha256, loaded_at, party_count, holding_count, problem_count"


def _version(row: Sequence[Any]) -> OwnershipVersion:
    return OwnershipVersion(
        int(row[0]), row[1], row[2], row[3], row[4], int(row[5]), int(row[6]), int(row[7])
    )


class OwnershipStore:
    """Ownership tables of one `Store` (same database, same transactions)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store._conn  # one connection: a load lands with nothing else or not at all

    def find(self, sha256: str) -> OwnershipVersion | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM ownership_versions WHERE sha256 = ? ORDER BY id DESC",
            (sha256,),
        ).fetchone()
        return _version(row) if row else None

    def add(
        self, *, fmt: str, path: str, sha256: str, data: OwnershipData, problems: Sequence[Problem]
    ) -> OwnershipVersion:
        """Write one version; all or nothing."""
        with self._store.transaction():
            cur = self._conn.execute(
                "INSERT INTO ownership_versions (format, path, sha256, loaded_at, party_count, "
                "holding_count, problem_count) VALUES (?, ?, ?, ?, ?, ?, ?)",
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
            vid = int(cur.lastrowid or 0)
            self._conn.executemany(
                "INSERT INTO ownership_parties (version_id, key, listed_ids, data) "
                "VALUES (?, ?, ?, ?)",
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
            self._conn.executemany(
                "INSERT INTO ownership_holdings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            self._conn.executemany(
                "INSERT INTO ownership_problems VALUES (?, ?, ?, ?, ?, ?)",
                [(vid, p.file, p.location, p.field, p.value, p.message) for p in problems],
            )
        return self.version(vid)

    def versions(self) -> list[OwnershipVersion]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM ownership_versions ORDER BY id")
        return [_version(r) for r in rows.fetchall()]

    def version(self, version_id: int) -> OwnershipVersion:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM ownership_versions WHERE id = ?", (version_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no ownership version with id {version_id}")
        return _version(row)

    def latest(self) -> OwnershipVersion | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM ownership_versions ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return _version(row) if row else None

    def data(self, version_id: int) -> OwnershipData:
        parties = {
            key: Party.from_dict(json.loads(data))
            for key, data in self._conn.execute(
                "SELECT key, data FROM ownership_parties WHERE version_id = ? ORDER BY key",
                (version_id,),
            ).fetchall()
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
            for r in self._conn.execute(
                "SELECT owner, asset, percentage, start_date, end_date, control, role, file, "
                "line FROM ownership_holdings WHERE version_id = ? ORDER BY seq",
                (version_id,),
            ).fetchall()
        )
        for h in holdings:
            if h.owner not in parties or h.asset not in parties:
                raise StoreError(f"ownership version {version_id} is inconsistent at {h.line}")
        return OwnershipData(parties, holdings)

    def holding_rows(self, version_id: int) -> list[HoldingRow]:
        """(owner, asset, percentage or None, start, end, control) per holding, in file
        order: what the rules need, without building an object per holding."""
        return self._conn.execute(
            "SELECT owner, asset, percentage, start_date, end_date, control "
            "FROM ownership_holdings WHERE version_id = ? ORDER BY seq",
            (version_id,),
        ).fetchall()

    def listed_parties(self, version_id: int) -> dict[str, tuple[str, ...]]:
        """Party key -> the list entries it is, for parties that are any."""
        rows = self._conn.execute(
            "SELECT key, listed_ids FROM ownership_parties WHERE version_id = ? "
            "AND listed_ids != ''",
            (version_id,),
        ).fetchall()
        return {key: tuple(ids.split()) for key, ids in rows}

    def party(self, version_id: int, key: str) -> Party | None:
        row = self._conn.execute(
            "SELECT data FROM ownership_parties WHERE version_id = ? AND key = ?",
            (version_id, key),
        ).fetchone()
        return Party.from_dict(json.loads(row[0])) if row else None

    def problems(self, version_id: int) -> list[Problem]:
        rows = self._conn.execute(
            "SELECT file, location, field, value, message FROM ownership_problems "
            "WHERE version_id = ?",
            (version_id,),
        ).fetchall()
        return [Problem(*r) for r in rows]

    def known_entity(self, entity_id: str) -> bool:
        """A list entity with this id is in some version of the store."""
        row = self._conn.execute(
            "SELECT 1 FROM version_entities WHERE entity_id = ? LIMIT 1", (entity_id,)
        ).fetchone()
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
        rows = self._owned._conn.execute(
            "SELECT key FROM ownership_parties WHERE version_id = ? ORDER BY key",
            (self._version_id,),
        )
        return (row[0] for row in rows)

    def __len__(self) -> int:
        return self._owned.version(self._version_id).party_count
