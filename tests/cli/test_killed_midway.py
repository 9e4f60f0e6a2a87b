"""A planterm killed with SIGKILL part way through leaves before or after, never between.

Real processes (`killed_run`) import a large snapshot, export one, or upgrade
an old database, and are killed at several moments: stopped by a test hook at
the first, a middle and the last statement of the write transaction, or half
way through writing the file, just before and just after its rename; let go
from the last statement and killed at once (in the commit); and killed after
a spread of delays across the measured length of a whole run. After each
kill the database passes `PRAGMA integrity_check` and holds exactly what it
held before or what a whole run leaves; an export's target is the old file
or byte for byte the whole new one.
"""

import hashlib
import importlib.util
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from planterm.services.editing import add_plan
from planterm.services.exporting import export_to_file
from planterm.storage import migrate
from planterm.storage.store import Store
from tests.conftest import NOW, REPO, new_store

pytestmark = pytest.mark.sqlite_only  # a process killed while writing a SQLite file

ACTIONS = 500
WAIT_SECONDS = 120  # how long a stopped run may take to get to its moment on a slow machine


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def state(path: Path) -> str:
    """A digest of every table and its rows (search index aside), after checking the file."""
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        digest = hashlib.sha256()
        tables = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE '%fts%' ORDER BY name"
        ).fetchall()
        for name, sql in tables:
            digest.update(repr(_clauses(sql)).encode())
            for row in db.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                digest.update(repr(row).encode())
        return digest.hexdigest()


def _clauses(sql: str) -> list[str]:
    """A CREATE TABLE's clauses in a fixed order (an upgrade may write them in any order)."""
    return sorted(line.strip().rstrip(",") for line in sql.splitlines())


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}", **extra}


def _start(args: Sequence[str], folder: Path, pause: str = "") -> subprocess.Popen[bytes]:
    env = _env(KILLED_RUN_PAUSE=pause, KILLED_RUN_READY=str(folder / "ready"))
    with (folder / "stderr").open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.cli.killed_run", *args],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err,
        )  # fmt: skip


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()


def _kill_when_stopped(process: subprocess.Popen[bytes], folder: Path, let_go: bool) -> None:
    ready = folder / "ready"
    deadline = time.monotonic() + WAIT_SECONDS
    while not ready.exists():
        if process.poll() is not None:
            pytest.fail(f"the run ended before its moment: {(folder / 'stderr').read_text()}")
        if time.monotonic() > deadline:
            _kill(process)
            pytest.fail("the run did not reach its moment")
        time.sleep(0.002)
    if let_go:
        ready.unlink()  # it goes on (commits, renames) and is killed at once
    _kill(process)


@dataclass(frozen=True)
class Moment:
    """When to kill: stopped at a hook (`pause`), let go from it, or after a share of a run."""

    pause: str = ""
    let_go: bool = False
    share: float = 0.0

    def __str__(self) -> str:
        if self.pause:
            return f"{'let go from' if self.let_go else 'stopped at'} {self.pause}"
        return f"after {self.share:.0%} of a run"


@dataclass(frozen=True)
class Case:
    """A run to kill: its arguments, the file to copy in first, and what a whole run leaves."""

    args: tuple[str, ...]
    start: Path
    before: str
    after: str
    seconds: float
    writes: int

    def kill(self, moment: Moment, folder: Path) -> Path:
        """Run it in `folder` on a copy of `start`, kill it at `moment`; the copy's path."""
        db = folder / "plans.db"
        shutil.copyfile(self.start, db)
        named = {"write:half": f"write:{self.writes // 2}", "write:last": f"write:{self.writes}"}
        pause = named.get(moment.pause, moment.pause)
        process = _start(_in(self.args, folder), folder, pause)
        if moment.pause:
            _kill_when_stopped(process, folder, moment.let_go)
        else:
            time.sleep(self.seconds * moment.share)
            _kill(process)
        return db


def _in(args: Sequence[str], folder: Path) -> list[str]:
    """The arguments with FOLDER standing for the run's own folder."""
    return [arg.replace("FOLDER", str(folder)) for arg in args]


def _measured(args: Sequence[str], start: Path, folder: Path) -> tuple[float, int]:
    shutil.copyfile(start, folder / "plans.db")
    count = folder / "count"
    began = time.monotonic()
    env = _env(KILLED_RUN_COUNT=str(count))
    done = subprocess.run(
        [sys.executable, "-m", "tests.cli.killed_run", *_in(args, folder)],
        cwd=REPO, env=env, capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    return time.monotonic() - began, int(count.read_text())


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of a few hundred actions with their updates and histories."""
    path = tmp_path_factory.mktemp("generated") / "large.db"
    _load_generator().generate(path, actions=ACTIONS, seed=3)
    return path


def _case(factory: pytest.TempPathFactory, name: str, args: Sequence[str], start: Path) -> Case:
    folder = factory.mktemp(f"{name}-whole")
    seconds, writes = _measured(args, start, folder)
    return Case(tuple(args), start, state(start), state(folder / "plans.db"), seconds, writes)


@pytest.fixture(scope="module")
def importing(tmp_path_factory: pytest.TempPathFactory, generated: Path) -> Case:
    """`planterm import large.toml` into a database holding one small plan."""
    folder = tmp_path_factory.mktemp("import")
    snapshot = folder / "large.toml"
    source = Store(f"sqlite:///{generated}")
    export_to_file(source, snapshot, now=NOW)
    source.dispose()
    start = folder / "start.db"
    store = new_store(start)
    add_plan(store, key="ours", title="Our plan", issuing_body="CSP", scheme="rag", now=NOW)
    store.dispose()
    args = ("--db", "FOLDER/plans.db", "import", str(snapshot))
    return _case(tmp_path_factory, "import", args, start)


IMPORT_MOMENTS = [
    Moment("write:half"),
    Moment("write:last"),
    Moment("write:last", let_go=True),
    *(Moment(share=share) for share in (0.5, 0.8, 0.95)),
]


@pytest.mark.parametrize("moment", IMPORT_MOMENTS, ids=str)
def test_an_import_killed_leaves_the_database_before_or_after(
    importing: Case, moment: Moment, tmp_path: Path
) -> None:
    assert importing.before != importing.after
    found = state(importing.kill(moment, tmp_path))
    if moment.pause and not moment.let_go:
        assert found == importing.before, "stopped inside the transaction: nothing is written"
    else:
        assert found in (importing.before, importing.after)


@pytest.fixture(scope="module")
def upgrading(tmp_path_factory: pytest.TempPathFactory, generated: Path) -> Case:
    """`planterm plans` on a large database made by the first planterm (schema 0001)."""
    from alembic import command

    start = tmp_path_factory.mktemp("upgrade") / "old.db"
    shutil.copyfile(generated, start)
    store = Store(f"sqlite:///{start}")
    config = migrate._config()
    with store.writer_engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # as an upgrade does, while tables are rebuilt
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
    store.dispose()
    return _case(tmp_path_factory, "upgrade", ("--db", "FOLDER/plans.db", "plans"), start)


UPGRADE_MOMENTS = [
    Moment("write:half"),
    Moment("write:last"),
    Moment("write:last", let_go=True),
    *(Moment(share=share) for share in (0.5, 0.8, 0.95)),
]


@pytest.mark.parametrize("moment", UPGRADE_MOMENTS, ids=str)
def test_an_upgrade_killed_leaves_the_old_schema_or_the_new(
    upgrading: Case, moment: Moment, tmp_path: Path
) -> None:
    assert upgrading.before != upgrading.after
    found = state(upgrading.kill(moment, tmp_path))
    if moment.pause and not moment.let_go:
        assert found == upgrading.before, "stopped inside the upgrade: nothing is changed"
    else:
        assert found in (upgrading.before, upgrading.after)
    with closing(sqlite3.connect(tmp_path / "plans.db")) as db:
        revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert revision in ("0001", migrate.HEAD_REVISION)


OLD_EXPORT = b"the snapshot sent round last quarter\n"


@pytest.fixture(scope="module")
def exporting(tmp_path_factory: pytest.TempPathFactory, generated: Path) -> tuple[Case, bytes]:
    """`planterm export -o FILE` of the large database over an older FILE; the whole new FILE."""
    args = ("--db", "FOLDER/plans.db", "export", "-o", "FOLDER/sent.toml")
    folder = tmp_path_factory.mktemp("export-whole")
    (folder / "sent.toml").write_bytes(OLD_EXPORT)
    seconds, _ = _measured(args, generated, folder)
    whole = (folder / "sent.toml").read_bytes()
    return Case(args, generated, "", "", seconds, 0), whole


EXPORT_MOMENTS = [
    Moment("halfway"),
    Moment("replace"),
    Moment("replaced"),
    *(Moment(share=share) for share in (0.5, 0.8, 0.95)),
]


@pytest.mark.parametrize("moment", EXPORT_MOMENTS, ids=str)
def test_an_export_killed_leaves_the_old_file_or_the_whole_new_one(
    exporting: tuple[Case, bytes], moment: Moment, tmp_path: Path
) -> None:
    case, whole = exporting
    target = tmp_path / "sent.toml"
    target.write_bytes(OLD_EXPORT)
    case.kill(moment, tmp_path)
    found = target.read_bytes()
    if moment.pause in ("halfway", "replace"):
        assert found == OLD_EXPORT, "stopped before the rename: the old file is there"
    elif moment.pause == "replaced":
        assert found == whole
    else:
        assert found in (OLD_EXPORT, whole)
