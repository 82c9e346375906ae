"""One connection to the store's database, SQLite or PostgreSQL, behind one small interface.

Store code writes portable SQL with `?` placeholders: SQLite (>= 3.35) and PostgreSQL both
speak `ON CONFLICT` and `RETURNING`, so the queries are shared. What really differs lives
here and in `store/postgres.py`: how a transaction takes the writer's lock, how rows are
bulk-loaded (executemany on SQLite, COPY on PostgreSQL), and which tables exist. Every
driver error leaves as a `StoreError` (`DuplicateError` for a unique key), so callers never
catch a driver's exception types.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from sanctio.exceptions import StoreError

Row = tuple[Any, ...]

#: Page cache while writing, in KiB (negative: SQLite's unit for a size, not pages).
_WRITE_CACHE = -32768

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(target: str | Path) -> bool:
    """A PostgreSQL URL rather than a SQLite path."""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


def shown(target: str | Path) -> str:
    """The store as messages may name it: a URL loses its password and query."""
    if not is_url(target):
        return str(target)
    parts = urlsplit(str(target))
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].partition(":")[0]
    host = f"{user}@{netloc[2]}" if user else netloc[2]
    return f"{parts.scheme}://{host}{parts.path}"


class DuplicateError(StoreError):
    """A row with the same unique key already exists."""


class Database(ABC):
    """A connection in autocommit mode; `transaction()` groups writes."""

    dialect: ClassVar[str]
    #: What error messages name: a path, or a URL without its password.
    target: str

    @abstractmethod
    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        """Every row of a query."""

    def one(self, sql: str, args: Sequence[Any] = ()) -> Row | None:
        found = self.rows(sql, args)
        return found[0] if found else None

    def batches(
        self, sql: str, args: Sequence[Any] = (), *, size: int = 5000
    ) -> Iterator[list[Row]]:
        """A query's rows in lists of at most `size` (SQLite streams them)."""
        found = self.rows(sql, args)
        for start in range(0, len(found), size):
            yield found[start : start + size]

    def columns(self, table: str) -> list[str]:
        """The table's column names, in order."""
        if self.dialect == "sqlite":
            return [r[0] for r in self.rows("SELECT name FROM pragma_table_info(?)", (table,))]
        return [
            r[0]
            for r in self.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "AND table_schema = current_schema() ORDER BY ordinal_position",
                (table,),
            )
        ]

    @abstractmethod
    def run(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Execute one statement; the number of rows it changed."""

    @abstractmethod
    def many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Execute one statement per row of arguments."""

    @abstractmethod
    def insert_rows(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        skip_existing: bool = False,
    ) -> None:
        """Bulk insert inside a transaction; `skip_existing` ignores rows whose key exists."""

    @abstractmethod
    def script(self, sql: str) -> None:
        """Run a migration's statements inside the open transaction."""

    @abstractmethod
    def transaction(self, *, exclusive: bool = False) -> AbstractContextManager[None]:
        """All writes inside land together or not at all. `exclusive`: one writer at a
        time across every process using the store (two importers are serialised)."""

    @property
    @abstractmethod
    def in_transaction(self) -> bool: ...

    @abstractmethod
    def has_table(self, name: str) -> bool: ...

    @abstractmethod
    def close(self) -> None: ...


class SqliteDatabase(Database):
    """The embedded default: a SQLite file in WAL mode (or `:memory:`)."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection, target: str) -> None:
        self._conn = conn
        self.target = target

    @classmethod
    def connect(cls, path: str | Path, *, read_only: bool = False) -> SqliteDatabase:
        target = str(path)
        try:
            if read_only:
                uri = f"file:{Path(target).resolve()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=30.0, isolation_level=None)
            else:
                conn = sqlite3.connect(
                    target, timeout=30.0, isolation_level=None, check_same_thread=False
                )
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{target}: cannot open the store: {exc}") from exc
        return cls(conn, target)

    def _error(self, exc: sqlite3.DatabaseError) -> StoreError:
        if isinstance(exc, sqlite3.IntegrityError):
            return DuplicateError(f"{self.target}: {exc}")
        return StoreError(f"{self.target}: {exc}")

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from exc

    def run(self, sql: str, args: Sequence[Any] = ()) -> int:
        try:
            return self._conn.execute(sql, args).rowcount
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from exc

    def batches(
        self, sql: str, args: Sequence[Any] = (), *, size: int = 5000
    ) -> Iterator[list[Row]]:
        try:
            cursor = self._conn.execute(sql, args)
            while batch := cursor.fetchmany(size):
                yield batch
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from exc

    def many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self._conn.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from exc

    def insert_rows(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        skip_existing: bool = False,
    ) -> None:
        marks = ", ".join("?" for _ in columns)
        conflict = " ON CONFLICT DO NOTHING" if skip_existing else ""
        self.many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}){conflict}", rows)

    def script(self, sql: str) -> None:
        # Statement by statement: executescript would commit the open transaction.
        for statement in statements(sql):
            self.run(statement)

    @contextmanager
    def transaction(self, *, exclusive: bool = False) -> Iterator[None]:
        # An import writes ~100 MB in one transaction: with the default 2 MB page cache
        # SQLite keeps spilling and re-reading pages (~40% more CPU for the writes).
        # Every SQLite write transaction is exclusive (BEGIN IMMEDIATE takes the lock).
        previous = int(self._conn.execute("PRAGMA cache_size").fetchone()[0])
        self._conn.execute(f"PRAGMA cache_size={_WRITE_CACHE}")
        try:
            self.run("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self.run("COMMIT")
        finally:
            self._conn.execute(f"PRAGMA cache_size={previous}")

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    def has_table(self, name: str) -> bool:
        row = self.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return row is not None

    def close(self) -> None:
        self._conn.close()


def statements(sql: str) -> list[str]:
    """Split SQLite SQL into statements (triggers keep their BEGIN ... END; bodies)."""
    out: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out


def connect(target: str | Path, *, read_only: bool = False) -> Database:
    """A SQLite path or a PostgreSQL URL, opened."""
    if is_url(target):
        from sanctio.store.postgres import PostgresDatabase  # psycopg only when asked for

        return PostgresDatabase.connect(str(target))
    return SqliteDatabase.connect(target, read_only=read_only)
