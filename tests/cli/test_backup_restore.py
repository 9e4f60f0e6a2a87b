"""Backups at the right moments; `planterm backup`; `planterm restore` and what it refuses."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from planterm.storage import backups
from planterm.storage.revision import HEAD_REVISION
from planterm.storage.store import Store
from tests.conftest import DATA, Result, one_line

pytestmark = pytest.mark.sqlite_only  # backups and restores copy the SQLite file itself

Run = Callable[..., Result]
DAILY = "plans.2030-01-01.daily.db"  # the in-process clock's day (tests.conftest.CLOCK)


def status_of(db: Path, plan: str, ref: str) -> str | None:
    with sqlite3.connect(db) as connection:
        found = connection.execute(
            "SELECT s.key FROM action a JOIN plan p ON p.id = a.plan_id "
            "LEFT JOIN status s ON s.id = a.status_id WHERE p.key = ? AND a.ref = ?",
            (plan, ref),
        ).fetchone()
    return found[0]


def backup_names(db: Path) -> list[str]:
    folder = db.parent / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ------------------------------------------------------------ when backups are made


def test_a_change_on_the_first_open_of_the_day_is_backed_up_before_it(
    planterm: Run, bundled_db: Path
) -> None:
    assert planterm("set-status", "pcc-da-2020", "1", "complete").code == 0
    assert backup_names(bundled_db) == [DAILY]
    daily = bundled_db.parent / "backups" / DAILY
    assert status_of(daily, "pcc-da-2020", "1") is None, "the copy is from before the change"
    assert daily.stat().st_mode & 0o777 == 0o600
    assert planterm("set-status", "pcc-da-2020", "2", "complete").code == 0
    assert backup_names(bundled_db) == [DAILY], "one a day"


def test_a_new_database_is_backed_up_from_its_next_open(planterm: Run, tmp_path: Path) -> None:
    new = tmp_path / "new" / "plans.db"
    assert planterm("import", str(DATA / "pcc-da-2020.toml"), db=new).code == 0
    assert backup_names(new) == []
    assert planterm("set-status", "pcc-da-2020", "1", "complete", db=new).code == 0
    assert backup_names(new) == [DAILY]


def test_a_daily_backup_that_cannot_be_written_warns_and_the_change_goes_on(
    planterm: Run, bundled_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(source: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "copy_database", full_disk)
    result = planterm("set-status", "pcc-da-2020", "1", "complete")
    assert result.code == 0, result
    assert result.err == (
        f"planterm: warning: today's backup could not be written in {bundled_db.parent}/backups "
        "([Errno 28] No space left on device); free some space or check that folder's "
        "permissions\n"
    )
    assert status_of(bundled_db, "pcc-da-2020", "1") == "complete"


def test_reading_and_read_only_make_no_backup(planterm: Run, bundled_db: Path) -> None:
    """The quick read path costs no copy: every change goes through open_store, which makes it."""
    assert planterm("list", "--overdue").code == 0
    assert planterm("show", "pcc-da-2020", "1").code == 0
    assert planterm("--read-only", "report", "--plan", "pcc-da-2020").code == 0
    assert backup_names(bundled_db) == []


def test_an_upgrade_is_backed_up_in_the_backups_folder(planterm: Run, bundled_db: Path) -> None:
    with sqlite3.connect(bundled_db) as db:
        db.execute("DROP INDEX ix_update_search")  # what revision 0006 makes
        db.execute("UPDATE alembic_version SET version_num = '0005'")
    result = planterm("set-status", "pcc-da-2020", "1", "complete")
    assert result.code == 0, result
    kept = bundled_db.parent / "backups" / "plans.2030-01-01T120000.before-upgrade-0005.db"
    assert f"the old file is kept as {kept}" in result.err
    with sqlite3.connect(kept) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
    assert backup_names(bundled_db) == [DAILY, kept.name]


# ------------------------------------------------------------------ planterm backup


def test_backup_writes_a_copy_into_the_backups_folder_and_says_where(
    planterm: Run, bundled_db: Path
) -> None:
    result = planterm("backup")
    made = bundled_db.parent / "backups" / "plans.2030-01-01T120000.asked.db"
    assert result.code == 0 and result.out == f"backed up to {made}\n"
    assert made.stat().st_mode & 0o777 == 0o600
    assert Store(f"sqlite:///{made}").sqlite_path == made
    with sqlite3.connect(made) as copy:
        assert copy.execute("SELECT count(*) FROM action").fetchone() == (117,)


def test_backup_to_a_file_and_never_over_the_database(
    planterm: Run, bundled_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    assert planterm("backup", str(target)).out == f"backed up to {target}\n"
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM plan").fetchone() == (5,)
    before = bundled_db.read_bytes()
    one_line(planterm("backup", str(bundled_db)), "that is the database itself")
    assert bundled_db.read_bytes() == before
    missing = tmp_path / "no" / "such" / "copy.db"
    one_line(planterm("backup", str(missing)), f"{missing}: cannot write the backup")
    assert not (tmp_path / "no").exists()


# ----------------------------------------------------------------- planterm restore


@pytest.fixture
def good_backup(planterm: Run, bundled_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "good.db"
    assert planterm("backup", str(target)).code == 0
    return target


def not_sqlite(path: Path) -> str:
    path.write_text("my notes, not a database\n")
    return "this is not a SQLite database"


def no_schema_version(path: Path) -> str:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE plan (id INTEGER)")
    return "not a planterm database (it has no schema version)"


def newer_revision(path: Path) -> str:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0999'")
    return "made by a newer planterm (schema 0999)"


def fails_integrity_check(path: Path) -> str:
    """Two indexes pointed at each other's pages: SQLite reads it, its integrity check fails."""
    with sqlite3.connect(path) as db:
        found = db.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE name LIKE 'ix_%status%id'"
        )
        roots = dict(found.fetchall())
        db.execute("PRAGMA writable_schema = ON")
        for name, other in (("ix_action_status_id", "ix_status_plan_id"),
                            ("ix_status_plan_id", "ix_action_status_id")):  # fmt: skip
            db.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (roots[other], name))
    return "fails SQLite's integrity check (row 1 missing from index ix_action_status_id)"


def damaged_page(path: Path) -> str:
    """A table page's cell pointers scrambled: SQLite cannot read it."""
    with sqlite3.connect(path) as db:
        page = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'action'").fetchone()[0]
    raw = bytearray(path.read_bytes())
    start = (root - 1) * page
    raw[start + 8 : start + 60] = b"\xff" * 52
    path.write_bytes(bytes(raw))
    return "this database is damaged (database disk image is malformed)"


@pytest.mark.parametrize(
    "spoil", [not_sqlite, no_schema_version, newer_revision, fails_integrity_check, damaged_page]
)
def test_restore_refuses_a_file_that_is_not_a_good_planterm_database(
    planterm: Run, bundled_db: Path, good_backup: Path, spoil: Callable[[Path], str]
) -> None:
    bad = good_backup
    if spoil is no_schema_version:
        bad = good_backup.with_name("other.db")
    needle = spoil(bad)
    before = bundled_db.read_bytes()
    one_line(planterm("restore", str(bad)), str(bad), needle)
    assert bundled_db.read_bytes() == before
    assert backup_names(bundled_db) == [], "nothing kept: nothing was replaced"


def test_restore_keeps_what_it_replaces_and_puts_the_backup_back(
    planterm: Run, bundled_db: Path, good_backup: Path
) -> None:
    assert planterm("set-status", "pcc-da-2020", "1", "complete").code == 0
    watcher = Store(f"sqlite:///{bundled_db}")  # another planterm with the file open
    with watcher.read() as session:
        session.connection().exec_driver_sql("SELECT count(*) FROM action").scalar()
    result = planterm("restore", str(good_backup))
    assert result.code == 0, result
    kept = bundled_db.parent / "backups" / "plans.2030-01-01T120000.before-restore.db"
    assert result.out.splitlines() == [
        f"restored {bundled_db} from {good_backup} (schema {HEAD_REVISION})",
        f"the database as it was is kept as {kept}",
    ]
    assert status_of(bundled_db, "pcc-da-2020", "1") is None, "the backup's content is back"
    assert status_of(kept, "pcc-da-2020", "1") == "complete", "and what it replaced is kept"
    with watcher.read() as session:
        status = session.connection().exec_driver_sql(
            "SELECT status_id FROM action WHERE ref = '1' AND plan_id = "
            "(SELECT id FROM plan WHERE key = 'pcc-da-2020')"
        )
        assert status.scalar() is None, "an open connection sees the restored content"
    watcher.dispose()
    with sqlite3.connect(bundled_db) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert planterm("show", "pcc-da-2020", "1").code == 0


def test_restore_takes_a_copy_whose_pages_differ_in_size(
    planterm: Run, bundled_db: Path, good_backup: Path
) -> None:
    """A WAL database keeps its page size; the backup API alone would refuse this copy."""
    with sqlite3.connect(good_backup, isolation_level=None) as copy:
        copy.execute("PRAGMA page_size = 8192")
        copy.execute("VACUUM")
        copy.execute("DELETE FROM action_lead")
    assert planterm("set-status", "pcc-da-2020", "1", "complete").code == 0
    result = planterm("restore", str(good_backup))
    assert result.code == 0, result
    assert status_of(bundled_db, "pcc-da-2020", "1") is None
    with sqlite3.connect(bundled_db) as db:
        assert db.execute("SELECT count(*) FROM action_lead").fetchone() == (0,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sorted(p.name for p in bundled_db.parent.iterdir() if p.name.startswith(".")) == []


def test_the_default_database_is_backed_up_in_the_data_folder(
    planterm: Run, tmp_path: Path
) -> None:
    assert planterm("plans", db=None).code == 0  # made and filled with the bundled plans
    assert planterm("set-status", "pcc-da-2020", "1", "complete", db=None).code == 0
    folder = tmp_path / "xdg-data" / "planterm"
    assert sorted(p.name for p in (folder / "backups").iterdir()) == [
        "planterm.2030-01-01.daily.db"
    ]


def test_restore_over_a_damaged_database_keeps_its_bytes(
    planterm: Run, bundled_db: Path, good_backup: Path
) -> None:
    bundled_db.write_bytes(b"scrambled by a crash" * 100)
    result = planterm("restore", str(good_backup))
    assert result.code == 0, result
    kept = bundled_db.parent / "backups" / "plans.2030-01-01T120000.before-restore.db"
    assert kept.read_bytes() == b"scrambled by a crash" * 100
    assert kept.stat().st_mode & 0o777 == 0o600
    assert planterm("plans").code == 0


def test_restore_is_refused_read_only(planterm: Run, bundled_db: Path, good_backup: Path) -> None:
    before = bundled_db.read_bytes()
    one_line(planterm("--read-only", "restore", str(good_backup)), "open read-only")
    assert bundled_db.read_bytes() == before
