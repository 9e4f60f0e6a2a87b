"""Putting a backup back: check that a file is a planterm database, then copy it in.

The copy goes through SQLite's backup API into the live database, rather than
a rename over its file: with WAL, a renamed-in file would meet the old file's
`-wal` and `-shm` (SQLite could replay the old log onto the new pages), and
another planterm holding the file open would keep reading the old one. The
backup API writes as one transaction under SQLite's own locks: it waits for a
writer, readers see the old content or the new, a crash leaves the old, and an
open app sees the change as it sees any other planterm's write.
"""

import os
import sqlite3
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from planterm.errors import InputError
from planterm.files import unreadable
from planterm.storage.reader import BUSY_TIMEOUT_MS, uri_path

SQLITE_HEADER = b"SQLite format 3\x00"
HINT = "give a file made by planterm backup (see the backups folder beside the database)"


def check_planterm_file(path: Path, *, known: Collection[str]) -> str:
    """The schema revision of the planterm database at `path`; `InputError` when it is not one.

    Refused: a file that is not SQLite, a SQLite file without planterm's
    schema version, a revision not in `known` (a newer planterm's), and one
    that fails SQLite's integrity check.
    """
    where = str(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise unreadable(exc, where, kind="database file") from None
    if header != SQLITE_HEADER:
        raise InputError(
            "this is not a SQLite database, so not a planterm one", where=where, hint=HINT
        )
    connection = sqlite3.connect(f"file:{uri_path(path)}?mode=ro", uri=True)
    try:
        revision = _revision(connection, where)
        if revision not in known:
            raise InputError(
                f"this database was made by a newer planterm (schema {revision})",
                where=where,
                hint="upgrade planterm to restore it",
            )
        problems = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise InputError(f"this database is damaged ({exc})", where=where, hint=HINT) from None
    finally:
        connection.close()
    if problems != ["ok"]:
        raise InputError(
            f"this database fails SQLite's integrity check ({problems[0]})", where=where, hint=HINT
        )
    return revision


def _revision(connection: sqlite3.Connection, where: str) -> str:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" not in tables:
        raise InputError(
            "this SQLite file is not a planterm database (it has no schema version)",
            where=where,
            hint=HINT,
        )
    found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if len(found) != 1 or found[0][0] is None:
        raise InputError("this planterm database has no schema version", where=where, hint=HINT)
    return str(found[0][0])


def copy_into_live(source: Path, database: Path) -> None:
    """Replace the content of the SQLite database `database` by that of `source` (see above).

    A WAL database keeps its page size, and the backup API refuses a source
    whose pages differ in size: such a source is first copied, at the
    database's page size, to a temporary file beside it (removed after).
    """
    dst = sqlite3.connect(f"file:{uri_path(database)}?mode=rw", uri=True)
    try:
        dst.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        page_size = dst.execute("PRAGMA page_size").fetchone()[0]
        with _at_page_size(source, page_size, beside=database) as fitting:
            src = sqlite3.connect(f"file:{uri_path(fitting)}?mode=ro", uri=True)
            try:
                src.backup(dst)
            finally:
                src.close()
    finally:
        dst.close()


@contextmanager
def _at_page_size(source: Path, page_size: int, *, beside: Path) -> Iterator[Path]:
    """`source`, or a temporary copy of it whose pages are `page_size` bytes."""
    probe = sqlite3.connect(f"file:{uri_path(source)}?mode=ro", uri=True)
    try:
        same = probe.execute("PRAGMA page_size").fetchone()[0] == page_size
    finally:
        probe.close()
    if same:
        yield source
        return
    fd, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".restore", dir=beside.parent)
    os.close(fd)
    try:
        src = sqlite3.connect(f"file:{uri_path(source)}?mode=ro", uri=True)
        copy = sqlite3.connect(name, isolation_level=None)
        try:
            src.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute(f"PRAGMA page_size = {int(page_size)}")
            copy.execute("VACUUM")
        finally:
            copy.close()
            src.close()
        yield Path(name)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(name)
