"""One of two processes changing the same plan at once (run by test_two_writers).

    python -m tests.cli.two_writers_driver DB NAME COUNT SEED

Runs COUNT operations in this one process, chosen by SEED: `add-update` and
`set-status` through the command line (`planterm.cli.main`, as a user's
commands run) on the shared action and on this process's own action, and the
app's way of setting a status (read the action, then save with the version
read). Each operation prints one JSON line saying what it did and how it
ended. The clock is fixed, one second per operation from the same start in
both processes, so their stamps interleave in no relation to the order of
their commits.
"""

import io
import json
import random
import sys
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime, timedelta

from planterm.cli import main as planterm_main
from planterm.config import db_url_from
from planterm.errors import ConflictError
from planterm.services.changes import set_status
from planterm.services.detail import show_action
from planterm.storage.store import Store

PLAN = "hammer"
SHARED = "1"
OWN = {"a": "2", "b": "3"}
STATUSES = {"a": ("green", "amber"), "b": ("red", "amber")}
START = datetime(2021, 4, 15, 9, 0, tzinfo=UTC)
TODAY = date(2021, 4, 15)


def _cli(db: str, name: str, moment: datetime, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["--db", db, "--author", name, "--today", TODAY.isoformat(), *args]
    with redirect_stdout(out), redirect_stderr(err):
        try:
            planterm_main(argv, clock=lambda: moment)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, (out.getvalue() + err.getvalue()).strip()


def run(db: str, name: str, count: int, seed: int) -> None:
    rng = random.Random(seed)
    store = Store(db_url_from(db))
    flips = 0
    for i in range(count):
        moment = START + timedelta(seconds=i)
        ref = SHARED if rng.random() < 0.6 else OWN[name]
        kind = rng.choice(("update", "status", "app-status"))
        record: dict[str, object] = {"i": i, "kind": kind, "ref": ref}
        if kind == "update":
            body = f"{name} update {i}"
            code, said = _cli(db, name, moment, "add-update", PLAN, ref, "--body", body)
            record.update(body=body, outcome="ok" if code == 0 else "error", said=said)
        else:
            status = STATUSES[name][flips % 2]
            flips += 1
            record["status"] = status
            if kind == "status":
                code, said = _cli(db, name, moment, "set-status", PLAN, ref, status)
                changed = code == 0 and "nothing changed" not in said
                record.update(outcome="error" if code else "ok", changed=changed, said=said)
            else:
                seen = show_action(store, PLAN, ref, today=TODAY).row.version
                try:
                    result = set_status(store, plan_key=PLAN, ref=ref, status=status,
                                        author=name, now=moment, expected_version=seen)  # fmt: skip
                    record.update(outcome="ok", changed=result.changed)
                except ConflictError as exc:
                    record.update(outcome="conflict", changed=False, said=str(exc))
        print(json.dumps(record), flush=True)
    store.dispose()


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
