"""A write that finds the file busy past the busy timeout is begun again, not failed."""

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from planterm.errors import StoreError
from planterm.storage import busy, engine
from planterm.storage.store import Store


def _count_agencies(store: Store) -> int:
    with store.read() as session:
        return int(session.execute(sa.text("SELECT count(*) FROM agency")).scalar() or 0)


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch, db_path: Path, store: Store) -> Store:
    """A second store on the file whose connections wait 20 ms for a lock, not 5 s."""
    store.dispose()
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 20)
    return Store(f"sqlite:///{db_path}")


def test_a_write_that_times_out_behind_another_is_begun_again(
    monkeypatch: pytest.MonkeyPatch, db_path: Path, impatient: Store
) -> None:
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another planterm, in the middle of a long write
    other.execute("INSERT INTO agency (name, aliases) VALUES ('Force', '[]')")
    pauses: list[float] = []

    def other_commits_meanwhile(seconds: float) -> None:
        pauses.append(seconds)
        other.execute("COMMIT")

    monkeypatch.setattr(busy, "pause", other_commits_meanwhile)
    with impatient.write() as session:
        session.execute(sa.text("INSERT INTO agency (name, aliases) VALUES ('PCC', '[]')"))

    assert len(pauses) == 1, "the first BEGIN IMMEDIATE timed out and was begun again"
    assert _count_agencies(impatient) == 2
    other.close()
    impatient.dispose()


def test_a_file_busy_through_every_attempt_gives_one_line(
    monkeypatch: pytest.MonkeyPatch, db_path: Path, impatient: Store
) -> None:
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    pauses: list[float] = []
    monkeypatch.setattr(busy, "pause", pauses.append)
    with (
        pytest.raises(StoreError, match="busy with another planterm"),
        impatient.write() as session,
    ):
        session.execute(sa.text("INSERT INTO agency (name, aliases) VALUES ('PCC', '[]')"))
    assert len(pauses) == busy.ATTEMPTS - 1
    assert pauses == sorted(pauses), "each pause is longer than the one before"
    other.execute("ROLLBACK")
    other.close()
    assert _count_agencies(impatient) == 0
    impatient.dispose()


def test_only_sqlite_busy_is_retried() -> None:
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5  # type: ignore[attr-defined]
    snapshot = sqlite3.OperationalError("database is locked")
    snapshot.sqlite_errorcode = 517  # type: ignore[attr-defined]  SQLITE_BUSY_SNAPSHOT
    other = sqlite3.OperationalError("no such table: agency")
    other.sqlite_errorcode = 1  # type: ignore[attr-defined]
    assert busy.is_busy(locked) and busy.is_busy(snapshot)
    assert not busy.is_busy(other)
    assert not busy.is_busy(ValueError("database is locked"))
