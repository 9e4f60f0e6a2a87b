"""A handle on one plan database: one session per unit of work.

`Store.read()` and `Store.write()` each give a Session inside a transaction
that commits when the block ends and rolls back on any error, so every
service call is all or nothing. A write holds SQLite's write lock from its
first line (BEGIN IMMEDIATE, begun again while another planterm keeps the
file busy; see `storage.busy`), so what it reads cannot be changed by
another process before it commits. On PostgreSQL a write takes one advisory
lock per database before its first read (READ COMMITTED, so it then sees
every write committed before it), and a read is one REPEATABLE READ
snapshot, as a SQLite read transaction is. Driver errors that a user can act on (not a
database, read-only, locked) become one `StoreError` line.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from planterm.errors import StoreError
from planterm.storage.busy import retry_busy
from planterm.storage.driver_errors import read_only_error, store_error
from planterm.storage.engine import make_engine, writer
from planterm.storage.reader import Params

WRITE_LOCK = 0x706C616E7465726D
"""The key of the PostgreSQL advisory lock every planterm write takes ("planterm")."""


class Store:
    def __init__(self, url: str, *, read_only: bool = False):
        self.url = url
        self.read_only = read_only
        try:
            self.engine: Engine = make_engine(url, read_only=read_only)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
            raise StoreError(
                f"cannot use this database URL ({_first_line(exc)})",
                where=_hide_password(url),
                hint="give a file path, sqlite:///PATH, or postgresql+psycopg://... "
                "with its driver installed",
            ) from None
        self.writer_engine: Engine = writer(self.engine)
        self.reader_engine: Engine = (
            self.engine.execution_options(isolation_level="REPEATABLE READ")
            if self.engine.dialect.name == "postgresql"
            else self.engine
        )

    @property
    def sqlite_path(self) -> Path | None:
        """The file behind a SQLite URL, or None (memory, other engines)."""
        parsed = sa.engine.make_url(self.url)
        database = parsed.database
        if parsed.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
            return None
        if parsed.query.get("uri") == "true" and database.startswith("file:"):
            database = database.removeprefix("file:")
            if database.startswith("//"):
                database = database[2:]
            if not database or database == ":memory:" or parsed.query.get("mode") == "memory":
                return None
        return Path(database)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def describe(self) -> str:
        path = self.sqlite_path
        return str(path) if path else _hide_password(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with (
            self.translated(),
            Session(self.reader_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self.read_only:
            raise read_only_error(self.describe())
        with self.translated():
            session, transaction = retry_busy(self._begin_writing)
            with session, transaction:
                yield session

    def _begin_writing(self) -> tuple[Session, Any]:
        """A session whose transaction has begun, as a writer, before any statement."""
        session = Session(self.writer_engine, expire_on_commit=False)
        try:
            transaction = session.begin()
            session.connection()  # BEGIN IMMEDIATE here, where a busy file can be retried
            take_write_lock(session.connection())
        except BaseException:
            session.close()
            raise
        return session, transaction

    @contextmanager
    def reading(self) -> Iterator["SessionReader"]:
        with self.read() as session:
            yield SessionReader(session)

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def translated(self) -> Iterator[None]:
        """Driver failures a user can act on (locked, read-only, not a database) as one
        `StoreError` line: for work on the engine outside `read` and `write` (an upgrade)."""
        try:
            yield
        except sa.exc.DBAPIError as exc:
            raise translate_db_error(exc, where=self.describe()) from exc


def take_write_lock(connection: sa.Connection) -> None:
    """On PostgreSQL, wait for the database's write lock, held until the transaction ends.

    PostgreSQL's counterpart of SQLite's BEGIN IMMEDIATE: one writer at a time
    per database, so what a write reads no other can change before it commits
    (under READ COMMITTED, each statement after the lock sees every commit
    before it). On SQLite the BEGIN has taken the lock already.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def translate_db_error(exc: sa.exc.DBAPIError, *, where: str) -> Exception:
    """The user-facing error for a driver failure, or the failure itself."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return store_error(text, where=where) or exc


class SessionReader:
    """A `Reader` over a SQLAlchemy session: the same SQL, in the session's transaction."""

    def __init__(self, session: Session):
        self._session = session
        self.dialect = session.get_bind().dialect.name

    def rows(self, sql: str, params: Params | None = None) -> Sequence[Sequence[Any]]:
        return self._session.execute(sa.text(sql), dict(params or {})).all()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _hide_password(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url
