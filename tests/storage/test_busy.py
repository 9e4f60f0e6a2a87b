"""A write that finds the file busy past the busy timeout is begun again, not failed."""

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from planterm.errors import StoreError
from planterm.storage import busy, engine
from planterm.storage.store import Store

pytestmark = pytest.mark.sqlite_only  # SQLite's busy codes and their retries


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


def _error(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


def test_only_sqlite_busy_is_retried() -> None:
    assert busy.is_busy(_error("database is locked", 5))  # SQLITE_BUSY
    assert busy.is_busy(_error("database is locked", 517))  # SQLITE_BUSY_SNAPSHOT
    assert not busy.is_busy(_error("no such table: agency", 1))
    assert not busy.is_busy(ValueError("database is locked"))
