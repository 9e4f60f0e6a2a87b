"""Backup copies of a SQLite plan database, made with SQLite's backup API.

Where: a `backups` folder beside the database. For the default database that
is the user data folder (`~/.local/share/planterm/backups/` on Linux); a --db
file elsewhere gets a `backups` folder beside it, so a plan's copies stay with
it (and go with it to a USB stick or a shared drive).

Names sort by time: `plans.2021-04-15.daily.db` for the first open of a day,
`plans.2021-04-15T093000.<why>.db` for one made before an upgrade, before a
restore, or asked for. The last `KEEP` copies of each database are kept; older
ones are deleted. Days and times are the clock's, in UTC, never a rehearsed
--today.

Each copy is written by SQLite into a temporary file in that folder, made
readable by its owner alone, flushed, then renamed into place
(`planterm.files.replaced_whole`): a crash leaves the backups as they were,
never half a copy.

Only the standard library is imported: the daily check runs on every open.
"""

import contextlib
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from planterm.domain.utc import in_utc
from planterm.files import replaced_whole
from planterm.storage.reader import BUSY_TIMEOUT_MS, uri_path

KEEP = 7
FOLDER = "backups"
DAILY = "daily"


def backups_folder(db: Path) -> Path:
    return db.parent / FOLDER


def daily_path(db: Path, *, now: datetime) -> Path:
    """The name of the day's backup of `db`; whether it exists is the daily check."""
    return backups_folder(db) / f"{db.stem}.{in_utc(now):%Y-%m-%d}.{DAILY}{db.suffix}"


def daily_backup(db: Path, *, now: datetime) -> Path | None:
    """Back `db` up unless today's copy exists already; the new copy, or None."""
    target = daily_path(db, now=now)
    if target.exists():
        return None
    return _keep(db, target)


def make_backup(db: Path, *, why: str, now: datetime) -> Path:
    """Back `db` up now into its backups folder, `why` ("before-restore", "asked") naming it."""
    return _keep(db, backups_folder(db) / backup_name(db, why=why, now=now))


def backup_name(db: Path, *, why: str, now: datetime) -> str:
    return f"{db.stem}.{in_utc(now):%Y-%m-%dT%H%M%S}.{why}{db.suffix}"


def backups_of(db: Path) -> list[Path]:
    """The backups of `db` in its backups folder, oldest first."""
    folder = backups_folder(db)
    pattern = re.compile(
        rf"{re.escape(db.stem)}\.\d{{4}}-\d\d-\d\d(T\d{{6}})?\.[a-z0-9-]+{re.escape(db.suffix)}"
    )
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except FileNotFoundError:
        return []
    return [folder / name for name in sorted(names) if pattern.fullmatch(name)]


def copy_database(source: Path, target: Path) -> Path:
    """Copy the SQLite database `source` to `target` (replaced whole, mode 0600), atomically.

    `target`'s folder must exist (a mistyped path is an error, not new folders).

    The source is opened with query_only, so a copy never changes it, and
    mode=rw, so a missing file is an error rather than a new empty database
    (and, unlike mode=ro, the last connection out tidies its `-wal` and `-shm`).
    """
    with replaced_whole(target) as temp:
        src = sqlite3.connect(f"file:{uri_path(source)}?mode=rw", uri=True)
        try:
            src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            src.execute("PRAGMA query_only = ON")
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
    return target


def _keep(db: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    copy_database(db, target)
    for old in backups_of(db)[:-KEEP]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    return target
