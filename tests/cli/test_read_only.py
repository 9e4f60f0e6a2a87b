"""`planterm --read-only`: each change refused in one line; SQLite opened so it cannot write."""

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from planterm.errors import StoreError
from planterm.storage.reader import SqliteFile
from planterm.storage.store import Store
from tests.conftest import DATA, REPO, Result, one_line

pytestmark = pytest.mark.sqlite_only  # read-only opens the SQLite file with mode=ro

Run = Callable[..., Result]


def colleague_snapshot(planterm: Run, db: Path, tmp_path: Path) -> Path:
    """A colleague's copy of the plans with one status moved: a merge would take it in."""
    (tmp_path / "theirs").mkdir()
    theirs = tmp_path / "theirs" / "plans.db"
    shutil.copyfile(db, theirs)
    assert planterm("set-status", "pcc-da-2020", "1", "complete", db=theirs).code == 0
    snapshot = tmp_path / "theirs.toml"
    assert planterm("export", "-o", str(snapshot), db=theirs).code == 0
    return snapshot


CHANGES: dict[str, Callable[[Run, Path, Path], list[str]]] = {
    "set-status": lambda *_: ["set-status", "pcc-da-2020", "1", "complete"],
    "add-update": lambda *_: ["add-update", "pcc-da-2020", "1", "--body", "Met the board."],
    "import": lambda *_: ["import", "--replace", str(DATA / "pcc-da-2020.toml")],
    "import a table": lambda *_: [
        "import",
        str(REPO / "docs" / "examples" / "vawg-action-plan.txt"),
        "--plan",
        "vawg",
    ],
    "import --merge": lambda run, db, tmp: [
        "import",
        "--merge",
        str(colleague_snapshot(run, db, tmp)),
    ],
    "restore": lambda run, db, tmp: ["restore", str(shutil.copyfile(db, tmp / "good.db"))],
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_is_refused_and_the_file_stays_byte_for_byte(
    planterm: Run, bundled_db: Path, tmp_path: Path, change: str
) -> None:
    args = CHANGES[change](planterm, bundled_db, tmp_path)
    before = bundled_db.read_bytes()
    one_line(planterm("--read-only", *args), "open read-only", "run without --read-only")
    assert bundled_db.read_bytes() == before
    wal = Path(f"{bundled_db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert not (bundled_db.parent / "backups").exists(), "no daily backup read-only"


def test_reading_works_read_only_and_changes_nothing(planterm: Run, bundled_db: Path) -> None:
    """A backup asked for reads the database: it is allowed (the daily one is not made)."""
    before = bundled_db.read_bytes()
    for args in (["list", "--overdue"], ["show", "pcc-da-2020", "1"], ["summary"],
                 ["report", "--plan", "pcc-da-2020"], ["export"], ["backup"]):  # fmt: skip
        assert planterm("--read-only", *args).code == 0, args
    assert bundled_db.read_bytes() == before


def test_an_older_file_is_refused_read_only_rather_than_upgraded(
    planterm: Run, bundled_db: Path
) -> None:
    with sqlite3.connect(bundled_db) as db:
        db.execute("DROP INDEX ix_update_search")  # what revision 0006 makes
        db.execute("UPDATE alembic_version SET version_num = '0005'")
    before = bundled_db.read_bytes()
    one_line(
        planterm("--read-only", "list"),
        "needs an upgrade, which read-only mode cannot do",
        "open it once without --read-only",
    )
    assert bundled_db.read_bytes() == before
    assert not (bundled_db.parent / "backups").exists()


def test_sqlite_itself_refuses_a_write_that_slipped_past_the_check(bundled_db: Path) -> None:
    """Even a bug that wrote on a read-only store's engine could not change the file."""
    before = bundled_db.read_bytes()
    store = Store(f"sqlite:///{bundled_db}", read_only=True)
    try:
        with store.read() as session:
            assert session.connection().exec_driver_sql("PRAGMA query_only").scalar() == 1
        with (
            pytest.raises(sa.exc.OperationalError, match="readonly database"),
            store.engine.begin() as connection,
        ):
            connection.exec_driver_sql("PRAGMA query_only = OFF")  # the file itself is mode=ro
            connection.exec_driver_sql("DELETE FROM action")
    finally:
        store.dispose()
    with (
        pytest.raises(StoreError, match="read-only"),
        SqliteFile(bundled_db, read_only=True).reading() as reader,
    ):
        reader.rows("DELETE FROM action")
    assert bundled_db.read_bytes() == before
