"""One connection to the store's database, SQLite or PostgreSQL, behind one small interface.

Store code writes portable SQL with `?` placeholders: SQLite (>= 3.35) and PostgreSQL both
speak `ON CONFLICT` and `RETURNING`, so the queries are shared. What really differs lives
here and in `store/postgres.py`: how a transaction takes the writer's lock, how rows are
bulk-loaded (executemany on SQLite, COPY on PostgreSQL), and which tables exist. Every
driver error leaves as a `StoreError` (`DuplicateError` for a unique key, `DriverError`
carrying the database's own cause otherwise), so callers never catch a driver's exception
types; a transaction that fails says so and that nothing was changed.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from sanctio.exceptions import StoreError

Row = tuple[Any, ...]

#: Page cache while writing, in KiB (negative: SQLite's unit for a size, not pages).
_WRITE_CACHE = -32768
#: Seconds a SQLite writer waits for another's write lock before giving up.
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


def sqlite_cause(exc: sqlite3.Error) -> str:
    """`database or disk is full (SQLITE_FULL: the disk ... is full)`: SQLite's words and
    what they mean; the real cause, never a follow-on error."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if not name:
        return str(exc)
    meaning = _CAUSES.get("_".join(name.split("_")[:2]))  # SQLITE_IOERR_WRITE -> SQLITE_IOERR
    return f"{exc} ({name}: {meaning})" if meaning else f"{exc} ({name})"


class DuplicateError(StoreError):
    """A row with the same unique key already exists."""


class DriverError(StoreError):
    """The database refused or failed a statement; `cause` is its own account of why
    (SQLite's result code and what it means, PostgreSQL's message)."""

    def __init__(self, target: str, cause: str) -> None:
        super().__init__(f"{target}: {cause}")
        self.cause = cause


def failed_writing(target: str, exc: BaseException) -> StoreError:
    """A transaction's body failed in the database and was rolled back: the real cause and
    that nothing was changed."""
    cause = exc.cause if isinstance(exc, DriverError) else str(exc)
    return StoreError(
        f"{target}: writing failed: {cause}; nothing was changed (the transaction was rolled back)"
    )


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
                conn = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT, isolation_level=None)
            else:
                conn = sqlite3.connect(
                    target, timeout=LOCK_WAIT, isolation_level=None, check_same_thread=False
                )
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(
                f"{target}: cannot open the store: {sqlite_cause(exc)}; nothing was changed"
            ) from exc
        return cls(conn, target)

    def _error(self, exc: sqlite3.Error) -> StoreError:
        if isinstance(exc, sqlite3.IntegrityError):
            return DuplicateError(f"{self.target}: {exc}")
        return DriverError(self.target, sqlite_cause(exc))

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def run(self, sql: str, args: Sequence[Any] = ()) -> int:
        try:
            return self._conn.execute(sql, args).rowcount
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def batches(
        self, sql: str, args: Sequence[Any] = (), *, size: int = 5000
    ) -> Iterator[list[Row]]:
        try:
            cursor = self._conn.execute(sql, args)
            while batch := cursor.fetchmany(size):
                yield batch
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self._conn.executemany(sql, rows)
        except sqlite3.Error as exc:
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
        # Any SQLite failure (full disk, lock held past the wait, read-only file) leaves as
        # a StoreError with SQLite's own cause, saying that nothing was changed; SQLite may
        # already have rolled back itself (after SQLITE_FULL, for one), which must not hide
        # the cause behind "cannot rollback - no transaction is active".
        conn = self._conn
        try:
            previous = int(conn.execute("PRAGMA cache_size").fetchone()[0])
            conn.execute(f"PRAGMA cache_size={_WRITE_CACHE}")
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.target}: cannot start writing: {sqlite_cause(exc)}; nothing was changed"
            ) from exc
        try:
            try:
                yield
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error):
                    raise failed_writing(self.target, self._error(exc)) from exc
                if isinstance(exc, DriverError):
                    raise failed_writing(self.target, exc) from exc
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise StoreError(
                    f"{self.target}: committing failed: {sqlite_cause(exc)}; nothing was "
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
