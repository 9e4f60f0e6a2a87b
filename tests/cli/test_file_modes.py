"""Every file planterm makes is readable by its owner alone (0600), whatever the umask.

Plans carry partnership notes. Each test sets the usual umask (022, under
which a plain `open` makes a file every user can read) and checks the mode
of what planterm wrote. These are mode checks, so they hold when run as root.
"""

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from planterm.storage import migrate
from planterm.storage.store import Store
from tests.conftest import DATA, NOW
from tests.storage.test_migrations import _upgrade_to as upgrade_to

pytestmark = pytest.mark.sqlite_only  # the SQLite file's permissions

OWNER_ONLY = 0o600


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_database_and_its_wal_files_are_owner_only(planterm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "new" / "plans.db"
    assert planterm("import", str(DATA / "pcc-da-2020.toml"), db=db).code == 0
    assert mode(db) == OWNER_ONLY
    store = Store(f"sqlite:///{db}")
    try:  # while a connection is open SQLite keeps its -wal and -shm beside the file
        with store.write() as session:
            session.execute(sa.text("UPDATE plan SET title = title || '.'"))
        for name in (f"{db.name}-wal", f"{db.name}-shm"):
            assert mode(db.with_name(name)) == OWNER_ONLY, name
    finally:
        store.dispose()


def test_the_default_database_is_owner_only_in_an_owner_only_folder(
    planterm, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert planterm("plans", db=None).code == 0
    made = list((tmp_path / "xdg-data").rglob("planterm.db"))
    assert len(made) == 1 and mode(made[0]) == OWNER_ONLY
    assert mode(made[0].parent) == 0o700


def test_the_migration_backup_is_owner_only_from_its_first_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.db"
    upgrade_to(old, "0001")
    old.chmod(OWNER_ONLY)
    modes_at_open: dict[str, int] = {}
    real_connect: Callable[..., sqlite3.Connection] = sqlite3.connect

    def watching_connect(path: str | Path, *args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(path, *args, **kwargs)  # type: ignore[arg-type]
        if "backups" in Path(path).parts:  # a copy is about to be written: who may read it?
            modes_at_open[str(path)] = mode(Path(path))
        return connection

    monkeypatch.setattr(sqlite3, "connect", watching_connect)
    store = Store(f"sqlite:///{old}")
    try:
        backup = migrate.prepare(store, now=NOW).backup
    finally:
        store.dispose()
    assert backup is not None and mode(backup) == OWNER_ONLY
    assert modes_at_open, "the copy is written through sqlite3"
    assert set(modes_at_open.values()) == {OWNER_ONLY}, "never readable by others, even briefly"


def test_exports_and_reports_are_owner_only(planterm, bundled_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    snapshot = tmp_path / "snap.toml"
    snapshot.write_text("an older file, readable by all")
    snapshot.chmod(0o644)
    assert planterm("export", "--plan", "pcc-da-2020", "-o", str(snapshot)).code == 0
    assert mode(snapshot) == OWNER_ONLY, "a file written over takes the owner-only mode"
    for suffix in ("md", "csv", "html", "xlsx"):
        report = tmp_path / f"board.{suffix}"
        assert planterm("report", "--plan", "pcc-da-2020", "-o", str(report)).code == 0
        assert mode(report) == OWNER_ONLY, suffix
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
