"""Two processes change the same plan at once: nothing is lost, nothing overwritten.

Two real processes (`two_writers_driver`) each run 500 operations in a loop,
through the command line and the app's way of saving, on one shared action
and on an action of their own. Then every update is there, every status
change is in the history in the order it was committed, the action's version
counts them, and no operation failed except app saves refused as stale.
"""

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from planterm.domain.views import ActionFields
from planterm.services.detail import show_action
from planterm.services.editing import add_action, add_plan
from planterm.storage.store import Store
from tests.cli import two_writers_driver as driver
from tests.conftest import REPO, drop_pg_database, new_pg_database, new_store

OPERATIONS = 500
CREATED = datetime(2021, 4, 1, 9, 0, tzinfo=UTC)


def _plan(store: Store) -> None:
    add_plan(store, key=driver.PLAN, title="Hammer", issuing_body="Test", scheme="rag",
             now=CREATED)  # fmt: skip
    for ref in (driver.SHARED, *driver.OWN.values()):
        values = ActionFields(text=f"Action {ref}", leads=(), owner=None, due=None,
                              start_after=None, fields={})  # fmt: skip
        add_action(store, plan_key=driver.PLAN, theme="General", values=values, now=CREATED,
                   ref=ref)  # fmt: skip


def _run_both(db: Path | str) -> dict[str, list[dict[str, Any]]]:
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}"}
    processes = {}
    for seed, name in enumerate(driver.OWN, start=1):
        argv = ["-m", "tests.cli.two_writers_driver", str(db), name, str(OPERATIONS), str(seed)]
        processes[name] = subprocess.Popen(
            [sys.executable, *argv], cwd=REPO, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
    done: dict[str, list[dict[str, Any]]] = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        done[name] = [json.loads(line) for line in out.splitlines()]
        assert len(done[name]) == OPERATIONS
    return done


@pytest.fixture(scope="module")
def hammered(
    tmp_path_factory: pytest.TempPathFactory, db_kind: str, request: pytest.FixtureRequest
) -> Iterator[tuple[Store, dict[str, Any]]]:
    """The two processes' log, on a SQLite file or a PostgreSQL database of its own."""
    cluster = None
    db: Path | str
    if db_kind == "sqlite":
        db = tmp_path_factory.mktemp("two-writers") / "plans.db"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        name = new_pg_database(cluster)
        db = cluster.url(name)
    store = new_store(db)
    _plan(store)
    before = {ref: show_action(store, driver.PLAN, ref, today=driver.TODAY).row.version
              for ref in (driver.SHARED, *driver.OWN.values())}  # fmt: skip
    yield store, {"log": _run_both(db), "before": before}
    store.dispose()
    if cluster is not None:
        drop_pg_database(cluster, name)


def _ops(log: dict[str, list[dict[str, Any]]], ref: str) -> list[dict[str, Any]]:
    return [op for ops in log.values() for op in ops if op["ref"] == ref]


def test_nothing_failed_but_app_saves_refused_as_stale(hammered: tuple[Store, Any]) -> None:
    _, run = hammered
    outcomes = Counter((op["kind"], op["outcome"]) for ops in run["log"].values() for op in ops)
    assert set(outcomes) <= {("update", "ok"), ("status", "ok"), ("app-status", "ok"),
                             ("app-status", "conflict")}, outcomes  # fmt: skip
    for ops in run["log"].values():
        for op in ops:
            if op["outcome"] == "conflict":
                assert (
                    f"ref {op['ref']} of plan {driver.PLAN} changed since you read it" in op["said"]
                )
                assert " by a at " in op["said"] or " by b at " in op["said"], op["said"]


@pytest.mark.parametrize("ref", [driver.SHARED, *driver.OWN.values()])
def test_every_update_is_kept(hammered: tuple[Store, Any], ref: str) -> None:
    store, run = hammered
    written = sorted(op["body"] for op in _ops(run["log"], ref) if op["kind"] == "update")
    detail = show_action(store, driver.PLAN, ref, today=driver.TODAY)
    assert sorted(u.body for u in detail.updates) == written
    assert detail.row.update_count == len(written) > 0


@pytest.mark.parametrize("ref", [driver.SHARED, *driver.OWN.values()])
def test_the_history_holds_every_status_change_in_the_order_committed(
    hammered: tuple[Store, Any], ref: str
) -> None:
    store, run = hammered
    detail = show_action(store, driver.PLAN, ref, today=driver.TODAY)
    history = [(h.from_key, h.to_key, h.by) for h in detail.history]
    changed = [op for op in _ops(run["log"], ref) if op.get("changed")]
    assert len(history) == len(changed) > 0
    assert history[0][0] is None, "the first change is from untriaged"
    for earlier, later in itertools.pairwise(history):
        assert later[0] == earlier[1], f"{later} does not follow {earlier}"
    assert [h.at for h in detail.history] == sorted(h.at for h in detail.history)
    for name, ops in run["log"].items():
        mine = [op["status"] for op in ops if op["ref"] == ref and op.get("changed")]
        assert [to for _, to, by in history if by == name] == mine, f"{name}'s changes, in order"
    assert detail.row.status is not None and detail.row.status.key == history[-1][1]
    assert detail.row.version == run["before"][ref] + len(history)
