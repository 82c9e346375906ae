"""The store on a PostgreSQL server (psycopg 3), for several instances sharing one store.

The same portable SQL as SQLite runs here: `?` placeholders become psycopg's `%s` (the one
dialect difference in queries, see `placeholders`). Writers take a transaction-scoped
advisory lock, so two importers on two machines are serialised as SQLite's BEGIN IMMEDIATE
serialises them on one; bulk rows go through COPY.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import pq
from psycopg.conninfo import conninfo_to_dict

from sanctio.exceptions import StoreError
from sanctio.store.connection import Database, DriverError, DuplicateError, Row, failed_writing

#: The advisory lock every writing transaction holds (any constant shared by all writers).
WRITER_LOCK = 0x5A4C_7710
CONNECT_TIMEOUT = 10


def placeholders(sql: str) -> str:
    """Portable `?` placeholders as psycopg's `%s` (a literal `%` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


def describe(url: str) -> str:
    """`postgresql://user@host:port/dbname`, never the password, for messages."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://(unparseable URL)"
    user = f"{info['user']}@" if info.get("user") else ""
    port = f":{info['port']}" if info.get("port") else ""
    return f"postgresql://{user}{info.get('host', '')}{port}/{info.get('dbname', '')}"


def connect_error(target: str, exc: psycopg.Error) -> StoreError:
    """Why the server could not be reached, in one line (libpq's first line)."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreError(f"{target}: cannot connect to PostgreSQL: {detail}")


class PostgresDatabase(Database):
    """One psycopg connection in autocommit mode."""

    dialect = "postgresql"

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        target: str,
        release: Callable[[psycopg.Connection[Any]], None] | None = None,
    ) -> None:
        self._conn = conn
        self.target = target
        self._release = release  # a pooled connection goes back to its pool on close

    @classmethod
    def connect(cls, url: str) -> PostgresDatabase:
        target = describe(url)
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        except psycopg.Error as exc:
            raise connect_error(target, exc) from exc
        return cls(conn, target)

    def _error(self, exc: psycopg.Error) -> StoreError:
        if isinstance(exc, psycopg.errors.UniqueViolation):
            return DuplicateError(f"{self.target}: {exc}")
        if isinstance(exc, psycopg.OperationalError):
            return DriverError(self.target, f"lost the PostgreSQL connection: {exc}")
        return DriverError(self.target, str(exc))

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        try:
            with self._conn.cursor() as cur:
                cur.execute(placeholders(sql), args)
                return cur.fetchall() if cur.description is not None else []
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def run(self, sql: str, args: Sequence[Any] = ()) -> int:
        try:
            with self._conn.cursor() as cur:
                cur.execute(placeholders(sql), args)
                return cur.rowcount
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            with self._conn.cursor() as cur:
                cur.executemany(placeholders(sql), list(rows))
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def _copy(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        with (
            self._conn.cursor() as cur,
            cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def insert_rows(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        skip_existing: bool = False,
    ) -> None:
        if not rows:
            return
        try:
            if not skip_existing:
                self._copy(table, columns, rows)
                return
            # COPY cannot skip conflicts: load a scratch table, then insert what is new.
            scratch = f"_load_{table}"
            with self._conn.cursor() as cur:
                cur.execute(
                    f"CREATE TEMP TABLE IF NOT EXISTS {scratch} (LIKE {table}) ON COMMIT DROP"
                )
                cur.execute(f"TRUNCATE {scratch}")
            self._copy(scratch, columns, rows)
            cols = ", ".join(columns)
            with self._conn.cursor() as cur:
                cur.execute(
                    f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {scratch} "
                    "ON CONFLICT DO NOTHING"
                )
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def script(self, sql: str) -> None:
        try:
            # No parameters: psycopg sends the whole file, every statement in it.
            self._conn.execute(sql.encode("utf-8"))
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    @contextmanager
    def transaction(self, *, exclusive: bool = False) -> Iterator[None]:
        # A failure inside is rolled back by psycopg (or by the server, with the connection
        # gone) and says so, with the server's cause; one while committing says only what
        # happened: a connection lost then leaves the outcome to the server.
        stage = "start"
        try:
            with self._conn.transaction():
                if exclusive:
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
                stage = "body"
                yield
                stage = "commit"
        except psycopg.Error as exc:
            error = self._error(exc)
            if stage == "commit" or isinstance(error, DuplicateError):
                raise error from exc
            if stage == "start":
                raise StoreError(
                    f"{self.target}: cannot start writing: {exc}; nothing was changed"
                ) from exc
            raise failed_writing(self.target, error) from exc
        except DriverError as exc:
            raise failed_writing(self.target, exc) from exc

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != pq.TransactionStatus.IDLE

    def has_table(self, name: str) -> bool:
        # A query of pg_class, not to_regclass: this sees a table another transaction
        # committed while this one waited for the writer's lock (to_regclass may answer
        # from this backend's catalog cache, which is refreshed only at the next BEGIN).
        row = self.one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relname = ? AND n.nspname = current_schema())",
            (name,),
        )
        return bool(row and row[0])

    @property
    def connection(self) -> psycopg.Connection[Any]:
        """The driver connection, for what only PostgreSQL has (LISTEN/NOTIFY, tests)."""
        return self._conn

    def close(self) -> None:
        if self._release is not None:
            release, self._release = self._release, None
            release(self._conn)
        else:
            self._conn.close()
