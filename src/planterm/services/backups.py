"""`planterm backup` and `planterm restore`: copies of the database, and putting one back.

Both work on the SQLite file as it is, without opening it as a store: a
backup of an older file is that older file, and a restore must work when the
database is damaged (which is when it is needed). Where copies go and how
many are kept: `storage.backups`; how a restore replaces a database that may
be open elsewhere: `storage.restoring`.
"""

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planterm.config import Settings
from planterm.errors import InputError, StoreError
from planterm.files import write_atomic
from planterm.services.output_file import refuse_database
from planterm.storage import backups, restoring
from planterm.storage.driver_errors import read_only_error
from planterm.storage.store import Store


@dataclass(frozen=True)
class Restored:
    database: Path
    revision: str
    kept: Path | None
    """The copy of what the restore replaced; None when there was no database yet."""


def database_file(settings: Settings) -> Path:
    """The SQLite file of `settings`; other engines have their own backup tools."""
    store = Store(settings.db_url)
    try:
        path = store.sqlite_path
        where = store.describe()
    finally:
        store.dispose()
    if path is None:
        raise StoreError(
            "backup and restore work on a SQLite file",
            where=where,
            hint="use your database server's own tools (pg_dump, pg_restore)",
        )
    return path


def back_up(settings: Settings, target: Path | None, *, now: datetime) -> Path:
    """Copy the database now: to `target` (a file, or a folder to put it in), else the backups."""
    db = database_file(settings)
    if not db.is_file():
        raise StoreError("there is no database here", where=str(db), hint="check the --db path")
    try:
        if target is None:
            return backups.make_backup(db, why="asked", now=now)
        target = target.expanduser()
        if target.is_dir():
            target = target / backups.backup_name(db, why="asked", now=now)
        refuse_database(_File(db), target, what="a backup", example="~/planterm-backup.db")
        return backups.copy_database(db, target)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"cannot read the database ({exc})",
            where=str(db),
            hint="planterm restore FILE puts a good copy back",
        ) from None
    except OSError as exc:
        where = str(target or backups.backups_folder(db))
        raise InputError(
            f"cannot write the backup ({exc.strerror or exc})",
            where=where,
            hint="check the folder exists and you may write there",
        ) from None


def restore(settings: Settings, source: Path, *, now: datetime, read_only: bool) -> Restored:
    """Put the planterm database `source` in place of the database, keeping a copy first.

    Nothing changes unless `source` passes every check (`restoring`).
    """
    db = database_file(settings)
    if read_only:
        raise read_only_error(str(db))
    source = source.expanduser()
    if db.exists() and source.resolve() == db.resolve():
        raise InputError(
            "that is the database itself", where=str(source), hint="give a backup to restore from"
        )
    from planterm.storage.migrate import known_revisions

    revision = restoring.check_planterm_file(source, known=known_revisions())
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        backups.copy_database(source, db)
        return Restored(db, revision, None)
    try:
        kept = backups.make_backup(db, why="before-restore", now=now)
    except sqlite3.DatabaseError:
        return Restored(db, revision, _replace_damaged(db, source, now=now))
    try:
        restoring.copy_into_live(source, db)
    except sqlite3.Error as exc:
        raise StoreError(
            f"the restore failed ({exc}); the database is as it was",
            where=str(db),
            hint=f"a copy of it is kept as {kept}",
        ) from None
    return Restored(db, revision, kept)


def _replace_damaged(db: Path, source: Path, *, now: datetime) -> Path:
    """Keep the bytes of a database SQLite cannot read, then put `source` in its place.

    Such a file is open in no working planterm, so it is replaced by a rename;
    its `-wal` and `-shm`, which belong to it alone, go with it.
    """
    kept = backups.backups_folder(db) / backups.backup_name(db, why="before-restore", now=now)
    kept.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(kept, db.read_bytes())
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        with contextlib.suppress(FileNotFoundError):
            side.unlink()
    backups.copy_database(source, db)
    return kept


@dataclass(frozen=True)
class _File:
    sqlite_path: Path
