"""A colleague's copy of pcc-da-2020, work on both sides, and their snapshot to merge.

Both sides start from one export of the bundled plan. Each change is made
through the services, at its own hour after NOW, so that `modified_at` and
the status history carry real, distinct times.
"""

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from planterm.services import editing, updates
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.transfer import export_text, import_files
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY, dump_rows, new_store

PLAN = "pcc-da-2020"


def at(hour: int) -> datetime:
    return NOW + timedelta(hours=hour)


def copy_of(ours: Store, path: Path, *, plans: tuple[str, ...] = (PLAN,)) -> Store:
    """A colleague's database made from our export of `plans`."""
    snapshot = path.with_suffix(".base.toml")
    snapshot.write_text(export_text(ours, plan_keys=plans, now=NOW), encoding="utf-8")
    theirs = new_store(path)
    import_files(theirs, [snapshot], replace=False, now=NOW)
    return theirs


def edit_text(store: Store, ref: str, text: str, when: datetime, *, plan: str = PLAN) -> None:
    action_id = show_action(store, plan, ref, today=TODAY).row.id
    values, version = editing.action_fields(store, action_id)
    editing.edit_action(
        store,
        action_id=action_id,
        values=replace(values, text=text),
        expected_version=version,
        now=when,
    )


def write_snapshot(store: Store, path: Path, when: datetime, *, plan: str = PLAN) -> Path:
    path.write_text(export_text(store, plan_keys=[plan], now=when), encoding="utf-8")
    return path


def dump(database: Store | Path) -> str:
    """Every row of the database, through a connection of its own."""
    path = database.sqlite_path if isinstance(database, Store) else database
    if path is None:
        return dump_rows(database)
    with sqlite3.connect(path) as connection:
        return "\n".join(connection.iterdump())


@dataclass
class Scenario:
    ours: Store
    theirs: Store
    snapshot: Path


def make_scenario(ours: Store, tmp_path: Path) -> Scenario:
    """Changes on both sides of pcc-da-2020 (refs as in the bundled plan):

    - 3: an update on each side;
    - 4: a status change only they made;
    - 5: a status change on both sides (a conflict);
    - 6: a text edit only they made;
    - 7: a text edit on both sides, ours later (a conflict);
    - 8: its bundled update removed here;
    - 24: an action they added (with a new lead agency, an update and a status);
    - 30: an action only we added.
    """
    theirs = copy_of(ours, tmp_path / "theirs.db")
    add_update(ours, plan_key=PLAN, ref="3", body="Our note.", day=TODAY, author="us", now=at(1))
    add_update(theirs, plan_key=PLAN, ref="3", body="Their note.", day=TODAY, author="them",
               now=at(1))  # fmt: skip
    set_status(theirs, plan_key=PLAN, ref="4", status="complete", author="them", now=at(2),
               reason="Published")  # fmt: skip
    set_status(ours, plan_key=PLAN, ref="5", status="on-track", author="us", now=at(3),
               reason="Under way")  # fmt: skip
    set_status(theirs, plan_key=PLAN, ref="5", status="complete", author="them", now=at(4),
               reason="Signed off at the board")  # fmt: skip
    edit_text(theirs, "6", "Their wording of 6.", at(5))
    edit_text(theirs, "7", "Their wording of 7.", at(5))
    edit_text(ours, "7", "Our wording of 7.", at(6))
    editing.add_action(
        theirs,
        plan_key=PLAN,
        theme="Policy context",
        values=editing.ActionFields(text="Their new action.", leads=("Force", "Women's Aid")),
        now=at(7),
        ref="24",
    )
    add_update(theirs, plan_key=PLAN, ref="24", body="Started.", day=TODAY, author="them",
               now=at(7))  # fmt: skip
    set_status(theirs, plan_key=PLAN, ref="24", status="on-track", author="them", now=at(7))
    editing.add_action(
        ours,
        plan_key=PLAN,
        theme="Policy context",
        values=editing.ActionFields(text="Our new action."),
        now=at(8),
        ref="30",
    )
    removed = show_action(ours, PLAN, "8", today=TODAY).updates[0]
    updates.remove_update(ours, update_id=removed.id, by="us", now=at(8))
    snapshot = write_snapshot(theirs, tmp_path / "theirs.toml", at(9))
    return Scenario(ours, theirs, snapshot)
