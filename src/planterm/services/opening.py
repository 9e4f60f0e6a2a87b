"""Opening a plan database: create it, upgrade it, fill a new default one.

What happened is returned as notices for the caller to show once; nothing
here prints.
"""

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import select

from planterm.config import Settings
from planterm.domain.models import Plan
from planterm.errors import StoreError
from planterm.services.bundled import load_bundled
from planterm.storage import backups, migrate
from planterm.storage.store import Store


@dataclass
class Opened:
    store: Store
    notices: list[str] = field(default_factory=list)


def open_store(
    settings: Settings,
    *,
    now: datetime,
    read_only: bool = False,
    create: bool = True,
    clock_time: datetime | None = None,
) -> Opened:
    """Open the database of `settings`, ready for use.

    A missing file is created when `create` is true, and always for the
    default database (whose first use fills it with the bundled plans);
    otherwise a mistyped --db path is an error, not a new empty file.

    A SQLite file is backed up before an upgrade and on the first open of
    each day (`storage.backups`), both named by `clock_time` (the clock's
    reading, default `now`; a rehearsed --today does not name backups).
    Read-only, nothing is backed up or upgraded: an older file is refused.
    """
    clock_time = clock_time or now
    store = Store(settings.db_url, read_only=read_only)
    path = store.sqlite_path
    if path is not None:
        prepare_file(path, read_only=read_only, create=create or settings.is_default_db)
    preparation = migrate.prepare(store, now=clock_time)
    opened = Opened(store)
    where = store.describe()
    if preparation.upgraded_from is not None:
        opened.notices.append(
            f"upgraded {where} from schema {preparation.upgraded_from} to "
            f"{migrate.HEAD_REVISION}; the old file is kept as {preparation.backup}"
        )
    if preparation.created and settings.is_default_db:
        seeded = _seed(store, now=now)
        if seeded:
            opened.notices.append(
                f"created {where} with the {len(seeded)} bundled plans: {', '.join(seeded)}"
            )
    elif preparation.created:
        opened.notices.append(f"created a new, empty plan database at {where}")
    if path is not None and not read_only and not preparation.created:  # a new one holds nothing
        failed = _daily_backup(path, now=clock_time)
        if failed:
            opened.notices.append(failed)
    return opened


def is_missing_file(settings: Settings) -> bool:
    """Whether --db names a SQLite file not there yet (the default one is made on first use)."""
    if settings.is_default_db:
        return False
    store = Store(settings.db_url)
    try:
        path = store.sqlite_path
    finally:
        store.dispose()
    return path is not None and not path.exists()


def prepare_file(
    path: Path,
    *,
    read_only: bool,
    create: bool,
    missing: str = "check the --db path; planterm import FILE.toml starts a new database",
) -> None:
    """Make the folder, and a new file readable by its owner alone; `missing` is the
    hint when the file is not there and may not be made."""
    if path.exists():
        if path.is_dir():
            raise StoreError("this is a folder, not a database file", where=str(path))
        return
    if read_only or not create:
        raise StoreError(
            "there is no database here",
            where=str(path),
            hint=missing,
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StoreError(
            f"cannot create the database ({exc.strerror})",
            where=str(path),
            hint="check that you may write in its folder",
        ) from None


def _daily_backup(path: Path, *, now: datetime) -> str | None:
    """Make the day's backup; a warning when it cannot be written (a full disk, say).

    A backup is a safety net, not a condition of work: the plans still open
    (with the warning), and the next open tries again.
    """
    try:
        backups.daily_backup(path, now=now)
    except (OSError, sqlite3.Error) as exc:
        return (
            f"warning: today's backup could not be written in {backups.backups_folder(path)} "
            f"({exc}); free some space or check that folder's permissions"
        )
    return None


def _seed(store: Store, *, now: datetime) -> list[str]:
    """Fill a new database with the bundled plans, unless another process just did."""
    with store.read() as session:
        if session.exec(select(Plan.id)).first() is not None:
            return []
    return [plan.key for plan in load_bundled(store, now=now)]
