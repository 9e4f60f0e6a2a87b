"""What moved between two real snapshots of a bundled plan, changed through the services.

The old snapshot is taken on TODAY (15 April 2021), the new one on 15 July
2021. Two actions are set up before the old snapshot so that a flag appears
only because the date moved on: ref 6 is due on 30 June, ref 7 is not to
start before 1 June and is not started.
"""

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from planterm.domain.snapshot_diff import PlanDiff, Side, SnapshotDiff, ThemeDiff
from planterm.errors import InputError, NotFoundError
from planterm.io.snapshot import ActionDoc
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.diff import DATABASE, compare, diff_files, diff_with_database
from planterm.services.editing import action_fields, add_action, delete_action, edit_action
from planterm.services.transfer import export_to_file, read_snapshot_file
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY

PLAN = "pcc-da-2020"
LATER = date(2021, 7, 15)
LATER_NOW = datetime(2021, 7, 15, 9, 30, tzinfo=UTC)


def action_id(store: Store, ref: str, plan: str = PLAN) -> int:
    return show_action(store, plan, ref, today=TODAY).row.id


def edit(store: Store, ref: str, **values: object) -> None:
    current, version = action_fields(store, action_id(store, ref))
    edit_action(
        store,
        action_id=action_id(store, ref),
        values=replace(current, **values),  # type: ignore[arg-type]
        expected_version=version,
        now=NOW,
    )


def status(store: Store, ref: str, key: str, reason: str | None = None) -> None:
    set_status(store, plan_key=PLAN, ref=ref, status=key, author="kd", now=NOW, reason=reason)


@pytest.fixture
def snapshots(bundled: Store, tmp_path: Path) -> tuple[Path, Path]:
    """The 2020 action plan on 15 April and, after a quarter's work, on 15 July."""
    edit(bundled, "6", due=date(2021, 6, 30))
    edit(bundled, "7", start_after=date(2021, 6, 1))
    status(bundled, "7", "not-started")
    for ref, key in (("9", "on-track"), ("10", "on-track"), ("11", "not-started")):
        status(bundled, ref, key)
    old = export_to_file(bundled, tmp_path / "april.toml", plan_keys=[PLAN], now=NOW)

    status(bundled, "11", "on-track", reason="Funding agreed at the DSA Exec")
    add_update(bundled, plan_key=PLAN, ref="2", body="Training booked.\nFor 40 officers.",
               day=date(2021, 5, 10), period="April - June 2021", author="NW", now=NOW)  # fmt: skip
    edit(bundled, "4", text="The PCC and partners to fund the schools programme.",
         due=date(2021, 9, 30), owner="NW")  # fmt: skip
    add_action(bundled, plan_key=PLAN, theme="Covid 19", now=NOW,
               values=replace(action_fields(bundled, action_id(bundled, "23"))[0],
                              text="Review the recovery plan.", leads=("PCC",)))  # fmt: skip
    delete_action(bundled, action_id=action_id(bundled, "5"), expected_version=1)
    new = export_to_file(bundled, tmp_path / "july.toml", plan_keys=[PLAN], now=LATER_NOW)
    return old, new


def theme(plan: PlanDiff, name: str) -> ThemeDiff:
    (found,) = [t for t in plan.themes if t.name == name]
    return found


def only_plan(diff: SnapshotDiff) -> PlanDiff:
    (plan,) = diff.plans
    return plan


def test_every_kind_of_change_appears_under_its_theme(snapshots: tuple[Path, Path]) -> None:
    diff = diff_files(*snapshots, today=date(2030, 1, 1))
    assert (diff.old.day, diff.new.day) == (TODAY, LATER)  # the files' dates, not today's
    plan = only_plan(diff)
    assert (plan.key, plan.presence, plan.actions_before, plan.actions_after) == (
        PLAN, "both", 23, 23,
    )  # fmt: skip

    (move,) = theme(plan, "Safeguarding").status_moves
    assert (move.ref, move.before.key, move.after.key) == ("11", "not-started", "on-track")  # type: ignore[union-attr]
    assert (move.reason, move.by, move.at, move.recorded) == (
        "Funding agreed at the DSA Exec", "kd", NOW, True,
    )  # fmt: skip

    (update,) = theme(plan, "Nature and prevalence of domestic abuse").new_updates
    assert (update.ref, update.date, update.period, update.author, update.body) == (
        "2", date(2021, 5, 10), "April - June 2021", "NW", "Training booked.\nFor 40 officers.",
    )  # fmt: skip

    prevention = theme(plan, "Prevention")
    (edited,) = prevention.edited
    assert edited.ref == "4"
    assert [(c.field, c.after) for c in edited.changes] == [
        ("text", "The PCC and partners to fund the schools programme."),
        ("owner", "NW"),
    ]
    assert edited.changes[0].before.startswith("The PCC and local authority partners")  # type: ignore[union-attr]
    (moved,) = prevention.dates_moved
    assert (moved.ref, moved.field, moved.before, moved.after) == (
        "4", "due", None, date(2021, 9, 30),
    )  # fmt: skip
    (removed,) = prevention.removed
    assert (removed.ref, removed.status) == ("5", None)

    (added,) = theme(plan, "Covid 19").added
    assert (added.ref, added.text, added.status) == ("24", "Review the recovery plan.", None)

    identification = theme(plan, "Identification")
    assert [(f.ref, f.day) for f in identification.became_overdue] == [("6", date(2021, 6, 30))]
    (starting,) = identification.became_due_to_start
    assert (starting.ref, starting.day, starting.status.key) == (  # type: ignore[union-attr]
        "7", date(2021, 6, 1), "not-started",
    )  # fmt: skip

    quiet = [t.name for t in plan.themes if not t.has_changes]
    assert quiet == [
        "Policy context",  # ref 1 was overdue already in April: not news
        "Longer term support and recovery",
        "Rehabilitation and behaviour change",
        "Criminal Justice System",
    ]


def test_the_share_of_each_status_per_theme(snapshots: tuple[Path, Path]) -> None:
    plan = only_plan(diff_files(*snapshots, today=TODAY))
    shares = {
        (s.status.key if s.status else "untriaged"): (s.before_share, s.after_share, s.moved)
        for s in theme(plan, "Safeguarding").shares
    }
    assert shares == {
        "complete": ("0/4 (0%)", "0/4 (0%)", False),
        "on-track": ("2/4 (50%)", "3/4 (75%)", True),
        "not-started": ("1/4 (25%)", "0/4 (0%)", True),
        "sequential": ("0/4 (0%)", "0/4 (0%)", False),
        "untriaged": ("1/4 (25%)", "1/4 (25%)", False),
    }
    covid = {s.status.key if s.status else "untriaged": s for s in theme(plan, "Covid 19").shares}
    assert (covid["untriaged"].before_share, covid["untriaged"].after_share) == (
        "2/2 (100%)", "3/3 (100%)",
    )  # fmt: skip
    assert covid["untriaged"].moved
    assert (covid["complete"].before_share, covid["complete"].after_share) == (
        "0/2 (0%)",
        "0/3 (0%)",
    )
    assert not covid["complete"].moved  # absent on both sides: no line for it
    overall = {s.status.key if s.status else "untriaged": s for s in plan.shares}
    assert (overall["on-track"].before_share, overall["on-track"].after_share) == (
        "2/23 (9%)", "3/23 (13%)",
    )  # fmt: skip


def test_a_flag_appears_only_once_its_date_has_passed(snapshots: tuple[Path, Path]) -> None:
    old, new = (read_snapshot_file(p) for p in snapshots)

    def identification(day: date) -> ThemeDiff:
        diff = compare(old, new, old_side=Side("old", TODAY), new_side=Side("new", day))
        return theme(only_plan(diff), "Identification")

    assert identification(date(2021, 6, 30)).became_overdue == ()  # due that day: not yet
    assert [f.ref for f in identification(date(2021, 7, 1)).became_overdue] == ["6"]
    assert identification(date(2021, 5, 31)).became_due_to_start == ()
    assert [f.ref for f in identification(date(2021, 6, 1)).became_due_to_start] == ["7"]


def test_a_status_that_changed_without_history_is_still_reported(
    snapshots: tuple[Path, Path],
) -> None:
    old = read_snapshot_file(snapshots[0])
    actions = [a.model_copy(update={"status": "complete"}) if a.ref == "9" else a
               for a in old.actions]  # fmt: skip
    new = old.model_copy(update={"actions": actions})
    diff = compare(old, new, old_side=Side("old", TODAY), new_side=Side("new", TODAY))
    (move,) = theme(only_plan(diff), "Safeguarding").status_moves
    assert (move.before.key, move.after.key, move.recorded, move.by) == (  # type: ignore[union-attr]
        "on-track", "complete", False, None,
    )  # fmt: skip


def test_a_reworded_reason_is_not_a_new_status_change(snapshots: tuple[Path, Path]) -> None:
    """The same entry as a merge counts it: at, from, to and by (docs/merge.md)."""
    old = read_snapshot_file(snapshots[0])

    def reworded(action: ActionDoc) -> ActionDoc:
        history = [h.model_copy(update={"reason": "Said otherwise"}) for h in action.history]
        return action.model_copy(update={"history": history})

    new = old.model_copy(update={"actions": [reworded(a) for a in old.actions]})
    assert sum(len(a.history) for a in new.actions) == 4
    diff = compare(old, new, old_side=Side("old", TODAY), new_side=Side("new", TODAY))
    assert [m for t in only_plan(diff).themes for m in t.status_moves] == []


def test_plans_in_one_side_only_are_added_or_removed(bundled: Store, tmp_path: Path) -> None:
    one = export_to_file(bundled, tmp_path / "one.toml", plan_keys=[PLAN], now=NOW)
    two = export_to_file(bundled, tmp_path / "two.toml", plan_keys=["da-jsna"], now=NOW)
    diff = diff_files(one, two, today=TODAY)
    assert [(p.key, p.presence, p.actions_before, p.actions_after) for p in diff.plans] == [
        ("da-jsna", "added", 0, 19),
        (PLAN, "removed", 23, 0),
    ]
    assert all(p.has_changes and p.themes == () for p in diff.plans)
    with pytest.raises(NotFoundError, match="in neither"):
        diff_files(one, two, today=TODAY, plan_keys=["nope"])


def test_against_the_database_only_the_snapshots_plans_are_compared(
    bundled: Store, tmp_path: Path
) -> None:
    old = export_to_file(bundled, tmp_path / "april.toml", plan_keys=[PLAN], now=NOW)
    status(bundled, "3", "complete", reason="Strategy signed off")
    diff = diff_with_database(bundled, old, today=LATER, now=LATER_NOW)
    assert (diff.old, diff.new) == (Side(str(old), TODAY), Side(DATABASE, LATER))
    plan = only_plan(diff)
    (move,) = theme(plan, "Nature and prevalence of domestic abuse").status_moves
    assert (move.ref, move.after.key, move.reason) == ("3", "complete", "Strategy signed off")  # type: ignore[union-attr]
    asked = diff_with_database(bundled, old, today=LATER, now=LATER_NOW, plan_keys=["da-jsna"])
    assert [(p.key, p.presence) for p in asked.plans] == [("da-jsna", "added")]


def test_an_undated_snapshot_takes_the_other_sides_date(bundled: Store, tmp_path: Path) -> None:
    old = export_to_file(bundled, tmp_path / "april.toml", plan_keys=[PLAN], now=NOW)
    undated = tmp_path / "undated.toml"
    undated.write_text(
        "\n".join(line for line in old.read_text().splitlines() if "exported_at" not in line)
    )
    diff = diff_with_database(bundled, undated, today=LATER, now=LATER_NOW)
    assert diff.old == Side(str(undated), LATER, dated=False)
    assert not only_plan(diff).has_changes  # both sides at July: ref 1 is overdue on both


def test_a_snapshots_date_is_the_utc_date_of_its_export(bundled: Store, tmp_path: Path) -> None:
    new = export_to_file(bundled, tmp_path / "april.toml", plan_keys=[PLAN], now=NOW)
    old = tmp_path / "summer-time.toml"
    old.write_text(  # 00:30 on 15 April in British Summer Time is 23:30 on the 14th in UTC
        re.sub(r"(?m)^exported_at = .*$", "exported_at = 2021-04-15T00:30:00+01:00",
               new.read_text(), count=1)
    )  # fmt: skip
    diff = diff_files(old, new, today=LATER)
    assert (diff.old, diff.new) == (Side(str(old), date(2021, 4, 14)), Side(str(new), TODAY))


def test_a_bad_file_is_one_input_error_naming_it(tmp_path: Path, bundled: Store) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = "planterm-snapshot"\nversion = 1\n[[plans]\n')
    with pytest.raises(InputError, match=r"broken\.toml, line 3"):
        diff_with_database(bundled, broken, today=TODAY, now=NOW)
    with pytest.raises(InputError, match="no such file"):
        diff_files(tmp_path / "missing.toml", broken, today=TODAY)
