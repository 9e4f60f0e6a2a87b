"""Shared fixtures: a fixed clock, fresh databases, and the command line in-process.

The tests of tests/storage, tests/services and tests/cli run twice, on a
SQLite file (id `sqlite`) and on a fresh database of a throwaway PostgreSQL
server (id `postgresql`; `tests/pg_server.py`), through the `db_kind`
parameter that `db_url`, `store` and `planterm` follow. Without PostgreSQL
on the machine the `postgresql` runs are skipped, saying what to install. A
test of the SQLite file itself is marked `sqlite_only`.
"""

import itertools
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from planterm.services.bundled import load_bundled
from planterm.storage import migrate
from planterm.storage.store import Store
from tests.pg_server import INSTALL_HINT, OFF, Cluster, find_binaries

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


def new_store(path: Path | str) -> Store:
    """A migrated store on a SQLite file (a path) or a database URL."""
    store = Store(path if isinstance(path, str) else f"sqlite:///{path}")
    migrate.prepare(store, now=NOW)
    return store


def url_of(db: Path | str) -> str:
    """The URL of what --db names: a SQLite file's path, or a URL as it is."""
    return db if isinstance(db, str) else f"sqlite:///{db}"


def dump_rows(db: Store | Path | str) -> str:
    """Every row of every planterm table in key order, read through an engine of its own."""
    import sqlalchemy as sa
    from sqlmodel import SQLModel

    import planterm.domain.models  # noqa: F401  (registers the tables)

    engine = sa.create_engine(db.url if isinstance(db, Store) else url_of(db))
    try:
        with engine.connect() as connection:
            return "\n".join(
                f"{table.name} {tuple(row)!r}"
                for table in SQLModel.metadata.sorted_tables
                for row in connection.execute(sa.select(table).order_by(*table.primary_key.columns))
            )
    finally:
        engine.dispose()


BOTH_ENGINES = ("storage", "services", "cli")
"""The folders under tests/ whose tests run on SQLite and on PostgreSQL."""
KINDS = ("sqlite", "postgresql")
TEMPLATE = "planterm_template"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each test of `BOTH_ENGINES` that uses a database on both engines."""
    if "db_kind" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.path)).relative_to(REPO / "tests").parts[0]
    if folder in BOTH_ENGINES and not metafunc.definition.get_closest_marker("sqlite_only"):
        # module-scoped, so a module's fixtures may share one database per engine
        metafunc.parametrize("db_kind", KINDS, scope="module")


@pytest.fixture
def db_kind() -> str:
    """The engine under test: SQLite, unless the test runs on both (see the module doc)."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL server for this session, with a migrated template database."""
    bindir = find_binaries()
    if bindir is None:
        pytest.skip(f"PostgreSQL not found: {INSTALL_HINT}; or {OFF}=0 is set")
    cluster = Cluster(bindir)
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        # a run stopped with SIGTERM (a timeout, say) ends as ^C does: the server is stopped
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        cluster.start()
        create_pg_database(cluster, TEMPLATE, template="template0")
        template = new_store(cluster.url(TEMPLATE))
        template.dispose()
        yield cluster
    finally:
        cluster.stop()


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


_numbers = itertools.count(1)


def new_pg_database(cluster: Cluster, *, template: str = TEMPLATE) -> str:
    """The name of a new database on the test server, a copy of `template` (migrated)."""
    name = f"test_{next(_numbers)}"
    create_pg_database(cluster, name, template=template)
    return name


@pytest.fixture
def pg_database(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database on the test server (no schema yet)."""
    name = f"empty_{next(_numbers)}"
    create_pg_database(pg_cluster, name, template="template0")
    yield pg_cluster.url(name)
    drop_pg_database(pg_cluster, name)


def create_pg_database(cluster: Cluster, name: str, *, template: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    engine.dispose()


def drop_pg_database(cluster: Cluster, name: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    engine.dispose()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plans.db"


@pytest.fixture
def db_url(db_kind: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The database under test: the file `db_path`, or a new migrated PostgreSQL database."""
    if db_kind == "sqlite":
        yield f"sqlite:///{db_path}"
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = new_pg_database(cluster)
    yield cluster.url(name)
    drop_pg_database(cluster, name)


@pytest.fixture
def db_target(db_kind: str, db_path: Path, db_url: str) -> Path | str:
    """What --db names: the file's path on SQLite, the URL on PostgreSQL."""
    return db_path if db_kind == "sqlite" else db_url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An empty, migrated database."""
    store = new_store(db_url)
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
def planterm(capsys: pytest.CaptureFixture[str], db_target: Path | str):  # type: ignore[no-untyped-def]
    """Run the command line in this process, its clock at CLOCK: planterm("list", "--json")."""
    from planterm.cli import main

    def run(*args: str, db: Path | str | None = db_target, today: date | None = TODAY) -> Result:
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
def bundled_db(bundled: Store, db_target: Path | str) -> Path | str:
    """What --db names for a database holding the bundled plans (a path on SQLite)."""
    bundled.dispose()
    return db_target


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
