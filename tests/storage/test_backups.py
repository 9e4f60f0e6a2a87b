"""Backup copies: SQLite's backup API, named by day, the last seven kept, whole or none."""

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from planterm.storage import backups

pytestmark = pytest.mark.sqlite_only  # backups copy the SQLite file

DAY = datetime(2021, 4, 15, 9, 30, tzinfo=UTC)


def plan_db(path: Path, text: str = "first") -> Path:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE IF NOT EXISTS note (text TEXT)")
        db.execute("DELETE FROM note")
        db.execute("INSERT INTO note VALUES (?)", (text,))
    return path


def notes(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT text FROM note")]


def test_the_first_open_of_a_day_makes_one_backup_and_later_ones_none(tmp_path: Path) -> None:
    db = plan_db(tmp_path / "plans.db")
    made = backups.daily_backup(db, now=DAY)
    assert made == tmp_path / "backups" / "plans.2021-04-15.daily.db"
    assert notes(made) == ["first"]
    assert made.stat().st_mode & 0o777 == 0o600
    plan_db(db, "changed")
    assert backups.daily_backup(db, now=DAY + timedelta(hours=8)) is None
    assert notes(made) == ["first"], "the day's copy is the one made before its changes"
    tomorrow = backups.daily_backup(db, now=DAY + timedelta(days=1))
    assert tomorrow is not None and notes(tomorrow) == ["changed"]


def test_a_backup_is_one_self_contained_file(tmp_path: Path) -> None:
    db = plan_db(tmp_path / "plans.db")
    live = sqlite3.connect(db)  # a WAL database open elsewhere, a write not yet checkpointed
    live.execute("INSERT INTO note VALUES ('in the log')")
    live.commit()
    made = backups.make_backup(db, why="asked", now=DAY)
    live.close()
    assert made.name == "plans.2021-04-15T093000.asked.db"
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name], "no -wal, no temp file"
    with sqlite3.connect(made) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert notes(made) == ["first", "in the log"]


def test_the_last_seven_backups_of_a_database_are_kept(tmp_path: Path) -> None:
    db = plan_db(tmp_path / "plans.db")
    other = plan_db(tmp_path / "other.db")
    backups.daily_backup(other, now=DAY)
    for day in range(10):
        backups.daily_backup(db, now=DAY + timedelta(days=day))
    backups.make_backup(db, why="before-restore", now=DAY + timedelta(days=9, hours=1))
    kept = [p.name for p in backups.backups_of(db)]
    assert kept == [f"plans.2021-04-{d}.daily.db" for d in range(19, 25)] + [
        "plans.2021-04-24T103000.before-restore.db"
    ]
    assert (tmp_path / "backups" / "other.2021-04-15.daily.db").exists(), "not this database's"


def test_a_copy_that_fails_leaves_the_backups_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = plan_db(tmp_path / "plans.db")
    first = backups.daily_backup(db, now=DAY)
    assert first is not None
    before = first.read_bytes()

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups.os, "replace", full_disk)
    with pytest.raises(OSError):
        backups.daily_backup(db, now=DAY + timedelta(days=1))
    assert os.listdir(first.parent) == [first.name], "no half copy, no temporary file"
    assert first.read_bytes() == before


def test_a_missing_database_is_not_made_by_a_backup(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.OperationalError):
        backups.daily_backup(tmp_path / "gone.db", now=DAY)
    assert not (tmp_path / "gone.db").exists()
