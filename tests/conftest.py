"""Shared fixtures: a fixed clock, fresh databases, and the command line in-process."""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from planterm.services.bundled import load_bundled
from planterm.storage import migrate
from planterm.storage.store import Store

TODAY = date(2021, 4, 15)
NOW = datetime(2021, 4, 15, 9, 30, tzinfo=UTC)
CLOCK = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
"""The system clock of the in-process command line: a day no test rehearses, at noon.

A run given --today stamps that day at noon (after NOW); one without stamps CLOCK.
"""
REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's database, clock or name."""
    for name in ("PLANTERM_DB", "PLANTERM_TODAY", "PLANTERM_AUTHOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("COLUMNS", "200")


def new_store(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    migrate.prepare(store, now=NOW)
    return store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plans.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An empty, migrated database file."""
    store = new_store(db_path)
    yield store
    store.dispose()


@pytest.fixture
def bundled(store: Store) -> Store:
    """A database holding the five bundled plans."""
    load_bundled(store, now=NOW)
    return store


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def planterm(capsys: pytest.CaptureFixture[str], db_path: Path):  # type: ignore[no-untyped-def]
    """Run the command line in this process, its clock at CLOCK: planterm("list", "--json")."""
    from planterm.cli import main

    def run(*args: str, db: Path | None = db_path, today: date | None = TODAY) -> Result:
        argv = []
        if db is not None:
            argv += ["--db", str(db)]
        if today is not None:
            argv += ["--today", today.isoformat()]
        argv += ["--author", "tester", *args]
        capsys.readouterr()
        try:
            main(argv, clock=lambda: CLOCK)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def bundled_db(bundled: Store, db_path: Path) -> Path:
    """The path of a database file holding the bundled plans."""
    bundled.dispose()
    return db_path


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def one_line(result: Result, *needles: str) -> str:
    """The single error line of a failed run, after checking the whole promise."""
    assert result.code == 1, result
    assert result.out == "", result
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {result.err!r}"
    assert result.err.endswith("\n")
    line = lines[0]
    assert line.startswith("planterm: "), line
    assert "\x1b" not in line
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"
    return line
