"""Engines for SQLite and any other SQLAlchemy URL.

On SQLite every connection gets WAL, foreign keys, a busy timeout and
NORMAL synchronous writes. The driver's own transaction handling is switched
off so that SQLAlchemy's BEGIN is real (DDL included); write transactions
start with BEGIN IMMEDIATE so two writers queue on the busy timeout instead
of failing on a lock upgrade.

A read-only engine (--read-only) opens a SQLite file with `mode=ro` and sets
`query_only`: SQLite itself then refuses every write, so not even a bug in
planterm can change the file; on PostgreSQL its sessions are read-only
(`default_transaction_read_only`), so the server refuses. (`Store.write`
refuses first, with a clearer message.)
"""

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from planterm.storage.reader import uri_path

BUSY_TIMEOUT_MS = 5000
BEGIN_OPTION = "planterm_begin"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    with contextlib.suppress(sqlite3.OperationalError):
        # a read-only file keeps its journal mode; reads still work
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _query_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only = ON")


def _server_read_only_url(parsed: sa.URL) -> sa.URL:
    """The URL with the server told to refuse every write, as SQLite's mode=ro does;
    `options` the URL already gives (a search_path, say) are kept."""
    given = parsed.query.get("options")
    given = " ".join(given) if isinstance(given, tuple) else given
    read_only = "-c default_transaction_read_only=on"
    return parsed.update_query_dict({"options": f"{given} {read_only}" if given else read_only})


def _on_begin(connection: sa.Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for `url`, configured for safe concurrent use of one file."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        if parsed.get_backend_name() == "postgresql" and read_only:
            parsed = _server_read_only_url(parsed)
        return sa.create_engine(parsed, pool_pre_ping=True)
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if parsed.database in (None, "", ":memory:"):
        kwargs["poolclass"] = StaticPool
    elif read_only:
        parsed = _read_only_url(parsed)
    engine = sa.create_engine(parsed, **kwargs)
    sa.event.listen(engine, "connect", _on_connect)
    if read_only:
        sa.event.listen(engine, "connect", _query_only)
    sa.event.listen(engine, "begin", _on_begin)
    return engine


def _read_only_url(parsed: sa.URL) -> sa.URL:
    """A SQLite file URL opening the file with mode=ro (a URI filename)."""
    database = parsed.database or ""
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        if parsed.query.get("mode") == "memory":
            return parsed
        return parsed.update_query_dict({"mode": "ro"})
    return parsed.set(
        database=f"file:{uri_path(Path(database))}", query={"uri": "true", "mode": "ro"}
    )


def writer(engine: Engine) -> Engine:
    """The same engine, starting each transaction as a writer (SQLite)."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
