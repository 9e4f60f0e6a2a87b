"""Reading a plan database in plain SQL, through whichever driver is open.

The read queries (`storage.queries`) are SQL text, written once for SQLite
and PostgreSQL alike. A `Reader` runs them: `SqliteReader` with the standard
library's sqlite3 alone, so a command that only reads starts without
SQLAlchemy; `store.SessionReader` in a SQLAlchemy session, for the app, the
services that write, and PostgreSQL. Both give rows as tuples, in the order
the SELECT names its columns.
"""

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from planterm.errors import StoreError
from planterm.storage.driver_errors import store_error

BUSY_TIMEOUT_MS = 5000

Params = Mapping[str, object]


class Reader(Protocol):
    """Something that runs a SELECT and gives its rows."""

    @property
    def dialect(self) -> str: ...

    def rows(self, sql: str, params: Params | None = None) -> Sequence[Sequence[Any]]: ...


class ReadSource(Protocol):
    """A database that can be read in one consistent transaction."""

    def reading(self) -> AbstractContextManager[Reader]: ...


def in_list(name: str, values: Iterable[object]) -> tuple[str, dict[str, object]]:
    """ "(:name0, :name1)" and its parameters, for an IN over a list of values.

    An empty list gives "(NULL)", which matches nothing.
    """
    params = {f"{name}{i}": value for i, value in enumerate(values)}
    if not params:
        return "(NULL)", {}
    return "(" + ", ".join(f":{key}" for key in params) + ")", params


def as_date(value: object) -> date | None:
    """A date column's value: SQLite gives ISO text, PostgreSQL a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def as_dates() -> Callable[[object], date | None]:
    """`as_date` remembering what it has read: a list of ten thousand repeats its dates."""
    seen: dict[object, date | None] = {}

    def read(value: object) -> date | None:
        try:
            return seen[value]
        except KeyError:
            found = seen[value] = as_date(value)
            return found

    return read


def as_utc(value: object) -> datetime:
    """A UTC moment's column: naive UTC (text on SQLite), given its zone back."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def as_json(value: object) -> Any:
    """A JSON column's value: SQLite gives text, PostgreSQL the decoded value."""
    if value == "{}":  # most actions have no extra fields, most agencies no aliases
        return {}
    if value == "[]":
        return []
    if isinstance(value, str | bytes):
        return json.loads(value)
    return value


def uri_path(path: Path) -> str:
    """`path` as the path of a SQLite URI: the characters a URI gives meaning to, escaped.

    (urllib.parse.quote would do, at the cost of importing it on every command.)
    """
    return str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


class SqliteReader:
    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection, *, where: str):
        self._connection = connection
        self._where = where

    def rows(self, sql: str, params: Params | None = None) -> list[Any]:
        try:
            return self._connection.execute(sql, dict(params or {})).fetchall()
        except sqlite3.DatabaseError as exc:
            raise store_error(str(exc), where=self._where) or exc from exc


class SqliteFile:
    """A SQLite plan database read with sqlite3 alone; it never writes.

    Each `reading()` is one read transaction, so what a command prints is one
    consistent moment of the file even while another planterm writes to it.
    `read_only` (--read-only) opens the file with mode=ro and query_only, as
    `engine.make_engine` does, so SQLite itself refuses any write.
    """

    def __init__(self, path: Path, *, read_only: bool = False):
        self.path = path
        self.read_only = read_only

    @property
    def sqlite_path(self) -> Path:
        """The file, named as `Store.sqlite_path` names a store's."""
        return self.path

    def describe(self) -> str:
        return str(self.path)

    @contextmanager
    def reading(self) -> Iterator[SqliteReader]:
        where = self.describe()
        try:
            # mode=rw never creates a file; a file the user may not write opens read-only
            mode = "ro" if self.read_only else "rw"
            connection = sqlite3.connect(
                f"file:{uri_path(self.path)}?mode={mode}",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise store_error(str(exc), where=where) or StoreError(
                f"cannot open the database ({exc})", where=where
            ) from None
        try:
            reader = SqliteReader(connection, where=where)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if self.read_only:
                connection.execute("PRAGMA query_only = ON")
            reader.rows("BEGIN")
            reader.rows(
                "SELECT count(*) FROM sqlite_master"
            )  # a file that is no database fails here
            yield reader
        finally:
            connection.close()


def sqlite_revision(path: Path) -> str | None:
    """The schema revision of a SQLite file, or None when it has none to read."""
    try:
        connection = sqlite3.connect(f"file:{uri_path(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return str(found[0][0]) if len(found) == 1 else None
