"""Merging a colleague's snapshot: their work comes in, ours stays, conflicts are listed."""

from collections import Counter
from pathlib import Path

import pytest

from planterm.cli.render_import import merge_text
from planterm.errors import ConflictError, InputError, NotFoundError, StoreError
from planterm.services import editing, merging, updates
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.merge_plan import MergePlan, PlanMerge
from planterm.services.merging import merge_file
from planterm.services.overview import agencies
from planterm.services.transfer import export_text
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY
from tests.services.merge_scenario import (
    PLAN,
    Scenario,
    at,
    copy_of,
    dump,
    edit_text,
    make_scenario,
    write_snapshot,
)


@pytest.fixture
def scenario(bundled: Store, tmp_path: Path) -> Scenario:
    return make_scenario(bundled, tmp_path)


def the_plan(result: MergePlan) -> PlanMerge:
    (merged,) = result.plans
    assert merged.key == PLAN and not merged.new
    return merged


def all_updates(store: Store) -> Counter[tuple[str, str, str | None]]:
    """(ref, body, author) of every update shown on the plan, with how often each appears."""
    found: Counter[tuple[str, str, str | None]] = Counter()
    for ref in [str(n) for n in range(1, 24)] + ["24", "30"]:
        try:
            detail = show_action(store, PLAN, ref, today=TODAY)
        except NotFoundError:
            continue
        found.update((ref, u.body, u.author) for u in detail.updates)
    return found


def test_their_work_comes_in_and_ours_stays(scenario: Scenario) -> None:
    ours_before = all_updates(scenario.ours)
    theirs = all_updates(scenario.theirs)
    merged = the_plan(merge_file(scenario.ours, scenario.snapshot, now=at(10)))
    after = all_updates(scenario.ours)

    removed_here = {k for k in theirs if k[0] == "8"} - set(ours_before)
    assert set(after) == (set(ours_before) | set(theirs)) - removed_here
    assert all(count == 1 for count in after.values()), "no update twice"
    assert [(u.ref, u.update.body) for u in merged.updates_added] == [("3", "Their note.")]
    (skipped,) = merged.updates_skipped
    assert skipped.ref == "8" and skipped.why == "removed here"

    (applied,) = merged.statuses_applied
    assert (applied.ref, applied.ours, applied.theirs) == ("4", None, "complete")
    four = show_action(scenario.ours, PLAN, "4", today=TODAY)
    assert four.row.status is not None and four.row.status.key == "complete"
    (change,) = four.history
    assert (change.by, change.reason, change.at) == ("them", "Published", at(2))

    (fields,) = merged.fields_applied
    assert fields.ref == "6" and [c.field for c in fields.changes] == ["text"]
    assert show_action(scenario.ours, PLAN, "6", today=TODAY).row.text == "Their wording of 6."

    assert [a.ref for a in merged.actions_added] == ["24"]
    new = show_action(scenario.ours, PLAN, "24", today=TODAY)
    assert new.row.leads == ("Nottinghamshire Police", "Women's Aid")
    assert new.row.status is not None and new.row.status.key == "on-track"
    assert [u.body for u in new.updates] == ["Started."]
    assert "Women's Aid" in {a.name for a in agencies(scenario.ours)}

    assert merged.only_here == ("30",)
    assert show_action(scenario.ours, PLAN, "30", today=TODAY).row.text == "Our new action."


def test_what_both_changed_is_listed_and_ours_kept(scenario: Scenario) -> None:
    merged = the_plan(merge_file(scenario.ours, scenario.snapshot, now=at(10)))
    status, text = merged.conflicts

    assert status.ref == "5" and status.changes == ()
    assert (status.our_status, status.their_status) == ("on-track", "complete")
    (theirs,) = status.their_history
    assert (theirs.to, theirs.by, theirs.at, theirs.reason) == (
        "complete", "them", at(4), "Signed off at the board",
    )  # fmt: skip
    five = show_action(scenario.ours, PLAN, "5", today=TODAY)
    assert five.row.status is not None and five.row.status.key == "on-track"
    assert status.history_recorded
    assert [(h.to_key, h.by) for h in five.history] == [("on-track", "us"), ("complete", "them")]

    assert text.ref == "7" and text.newer == "ours"
    (change,) = text.changes
    assert (change.field, change.ours, change.theirs) == (
        "text", "Our wording of 7.", "Their wording of 7.",
    )  # fmt: skip
    assert show_action(scenario.ours, PLAN, "7", today=TODAY).row.text == "Our wording of 7."


def test_every_change_raises_the_version_so_an_open_app_sees_it(scenario: Scenario) -> None:
    def version(ref: str) -> int:
        return show_action(scenario.ours, PLAN, ref, today=TODAY).row.version

    before = {ref: version(ref) for ref in ("3", "4", "5", "6", "7")}
    merge_file(scenario.ours, scenario.snapshot, now=at(10))
    assert version("4") > before["4"] and version("6") > before["6"]
    assert version("5") == before["5"] and version("7") == before["7"], "ours kept: untouched"
    six = show_action(scenario.ours, PLAN, "6", today=TODAY)
    assert six.modified_at == at(5), "the time of their edit, the newest change it holds"
    with pytest.raises(ConflictError, match="changed since you read it"):
        editing.edit_action(
            scenario.ours,
            action_id=six.row.id,
            values=editing.ActionFields(text="An edit from an old read."),
            expected_version=before["6"],
            now=at(11),
        )


def test_a_second_merge_of_the_same_file_changes_nothing(scenario: Scenario) -> None:
    merge_file(scenario.ours, scenario.snapshot, now=at(10))
    before = dump(scenario.ours)
    merged = merge_file(scenario.ours, scenario.snapshot, now=at(11))
    again = the_plan(merged)
    assert dump(scenario.ours) == before
    assert "\n\nNothing to take in.\n2 conflicts to settle" in merge_text(merged, dry_run=False)
    assert [c.ref for c in again.conflicts] == ["5", "7"], "both are still open"
    five = again.conflicts[0]
    assert (five.our_status, five.their_status, five.newer) == ("on-track", "complete", "theirs")
    assert five.their_history == () and not five.history_recorded, "recorded once, not again"


def test_a_status_conflict_taken_by_hand_is_not_listed_again(scenario: Scenario) -> None:
    merge_file(scenario.ours, scenario.snapshot, now=at(10))
    set_status(scenario.ours, plan_key=PLAN, ref="5", status="complete", author="us", now=at(11))
    again = the_plan(merge_file(scenario.ours, scenario.snapshot, now=at(12)))
    assert [c.ref for c in again.conflicts] == ["7"]
    assert again.kept_ours == (), "the statuses agree now"


def test_a_status_set_here_after_their_recorded_change_is_ours_kept_not_agreed(
    scenario: Scenario,
) -> None:
    merge_file(scenario.ours, scenario.snapshot, now=at(10))
    set_status(scenario.ours, plan_key=PLAN, ref="5", status="not-started", author="us",
               now=at(11))  # fmt: skip
    merged = merge_file(scenario.ours, scenario.snapshot, now=at(12))
    again = the_plan(merged)
    assert [c.ref for c in again.conflicts] == ["7"] and again.kept_ours == ("5",)
    text = merge_text(merged, dry_run=False)
    assert "Changed here since, ours kept (1): ref 5" in text and "agree" not in text


def test_merging_back_brings_both_copies_together(scenario: Scenario, tmp_path: Path) -> None:
    merge_file(scenario.ours, scenario.snapshot, now=at(10))
    ours_file = write_snapshot(scenario.ours, tmp_path / "ours.toml", at(11))
    back = the_plan(merge_file(scenario.theirs, ours_file, now=at(12)))
    assert [c.ref for c in back.conflicts] == ["7"]
    assert {s.ref for s in back.statuses_applied} == {"5"}
    assert all_updates(scenario.ours) - all_updates(scenario.theirs) == Counter()
    extra = all_updates(scenario.theirs) - all_updates(scenario.ours)
    assert [ref for ref, _, _ in extra.elements()] == ["8"], "a removal here does not travel"
    five = show_action(scenario.theirs, PLAN, "5", today=TODAY)
    assert five.row.status is not None and five.row.status.key == "on-track"
    assert [a.ref for a in back.actions_added] == ["30"]


def test_a_dry_run_says_what_would_happen_and_writes_nothing(scenario: Scenario) -> None:
    before = dump(scenario.ours)
    dry = merge_file(scenario.ours, scenario.snapshot, now=at(10), dry_run=True)
    assert dump(scenario.ours) == before
    assert merge_file(scenario.ours, scenario.snapshot, now=at(10)) == dry


def test_a_dry_run_works_on_a_read_only_database(scenario: Scenario) -> None:
    read_only = Store(scenario.ours.url, read_only=True)
    assert merge_file(read_only, scenario.snapshot, now=at(10), dry_run=True).conflicts == 2
    with pytest.raises(StoreError, match="read-only"):
        merge_file(read_only, scenario.snapshot, now=at(10))
    read_only.dispose()


def test_a_failure_while_writing_leaves_the_database_as_it_was(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(scenario.ours)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(merging, "_apply_fields", broken)
    with pytest.raises(RuntimeError, match="disk gone"):
        merge_file(scenario.ours, scenario.snapshot, now=at(10))
    assert dump(scenario.ours) == before


def test_a_file_that_cannot_merge_changes_nothing(bundled: Store, tmp_path: Path) -> None:
    """A plan whose status keys differ fails the whole file, the other plan included."""
    theirs = copy_of(bundled, tmp_path / "theirs.db", plans=("da-jsna", PLAN))
    add_update(theirs, plan_key="da-jsna", ref="1", body="Their note.", day=TODAY, author="t",
               now=at(1))  # fmt: skip
    text = export_text(theirs, plan_keys=["da-jsna", PLAN], now=at(2))
    pcc = text.index('key = "pcc-da-2020"')
    renamed = text[pcc:].replace('"complete"', '"finished"')
    bad = tmp_path / "bad.toml"
    bad.write_text(text[:pcc] + renamed, encoding="utf-8")
    before = dump(bundled)
    with pytest.raises(InputError) as raised:
        merge_file(bundled, bad, now=at(3))
    message = str(raised.value)
    assert message.startswith(f"{bad}: plan pcc-da-2020: the file's status keys differ")
    assert "only in the file: finished; only here: complete" in message
    assert "ask for a snapshot made with this key" in message
    assert dump(bundled) == before


def test_an_agency_alias_clash_is_refused_before_anything_is_written(
    scenario: Scenario, tmp_path: Path
) -> None:
    text = scenario.snapshot.read_text(encoding="utf-8")
    clash = tmp_path / "clash.toml"
    clash.write_text(
        text.replace(
            'name = "Women\'s Aid"',
            'name = "Women\'s Aid"\naliases = ["Health and Wellbeing Board"]',
        )
    )
    before = dump(scenario.ours)
    with pytest.raises(InputError, match="alias 'Health and Wellbeing Board' already names"):
        merge_file(scenario.ours, clash, now=at(10), dry_run=True)
    with pytest.raises(InputError, match="alias 'Health and Wellbeing Board' already names"):
        merge_file(scenario.ours, clash, now=at(10))
    assert dump(scenario.ours) == before


def test_a_plan_not_here_comes_in_whole(bundled: Store, tmp_path: Path) -> None:
    snapshot = tmp_path / "two.toml"
    snapshot.write_text(export_text(bundled, plan_keys=["da-jsna", PLAN], now=NOW))
    copy = copy_of(bundled, tmp_path / "copy.db")
    merged = merge_file(copy, snapshot, now=at(1))
    new, same = merged.plans
    assert (new.key, new.new, len(new.actions_added)) == ("da-jsna", True, 19)
    assert not same.new
    report = merge_text(merged, dry_run=False)
    assert f"{PLAN}: " in report and "\n  nothing to take in: both copies agree\n" in report
    assert report.endswith("\n\nThe merge took in 1 new plan.")
    assert export_text(copy, plan_keys=["da-jsna"], now=NOW) == export_text(
        bundled, plan_keys=["da-jsna"], now=NOW
    )


def test_an_update_we_corrected_is_not_brought_back(bundled: Store, tmp_path: Path) -> None:
    theirs = copy_of(bundled, tmp_path / "theirs.db")
    first = show_action(bundled, PLAN, "2", today=TODAY).updates[0]
    updates.correct_update(
        bundled,
        update_id=first.id,
        body="Corrected here.",
        day=first.date,
        period=first.period,
        author=first.author,
        by="us",
        now=at(1),
    )
    merged = the_plan(merge_file(bundled, write_snapshot(theirs, tmp_path / "t.toml", at(2)),
                                 now=at(3)))  # fmt: skip
    (skipped,) = merged.updates_skipped
    assert (skipped.ref, skipped.why, skipped.update.body) == ("2", "corrected here", first.body)
    assert [u.body for u in show_action(bundled, PLAN, "2", today=TODAY).updates] == [
        "Corrected here."
    ]


def test_both_moving_to_the_same_status_is_no_conflict(bundled: Store, tmp_path: Path) -> None:
    theirs = copy_of(bundled, tmp_path / "theirs.db")
    set_status(bundled, plan_key=PLAN, ref="2", status="complete", author="us", now=at(1))
    set_status(theirs, plan_key=PLAN, ref="2", status="complete", author="them", now=at(2))
    merged = the_plan(merge_file(bundled, write_snapshot(theirs, tmp_path / "t.toml", at(3)),
                                 now=at(4)))  # fmt: skip
    assert merged.conflicts == ()
    (recorded,) = merged.statuses_applied
    assert (recorded.ours, recorded.theirs) == ("complete", "complete")
    assert len(show_action(bundled, PLAN, "2", today=TODAY).history) == 2


def test_a_status_change_here_and_a_text_edit_there_is_a_conflict(
    bundled: Store, tmp_path: Path
) -> None:
    """Without a stored ancestor, a later write here may hide an earlier edit here."""
    theirs = copy_of(bundled, tmp_path / "theirs.db")
    edit_text(theirs, "2", "Their wording.", at(1))
    set_status(bundled, plan_key=PLAN, ref="2", status="on-track", author="us", now=at(2))
    merged = the_plan(merge_file(bundled, write_snapshot(theirs, tmp_path / "t.toml", at(3)),
                                 now=at(4)))  # fmt: skip
    (conflict,) = merged.conflicts
    assert [c.field for c in conflict.changes] == ["text"] and not conflict.history_recorded
    assert show_action(bundled, PLAN, "2", today=TODAY).row.text != "Their wording."


def test_their_edit_after_a_status_change_we_took_in_applies(
    bundled: Store, tmp_path: Path
) -> None:
    """The status change both sides now hold is a moment they share: edits after it count."""
    theirs = copy_of(bundled, tmp_path / "theirs.db")
    set_status(theirs, plan_key=PLAN, ref="2", status="on-track", author="them", now=at(1))
    merge_file(bundled, write_snapshot(theirs, tmp_path / "t1.toml", at(2)), now=at(3))
    edit_text(theirs, "2", "Their wording.", at(4))
    merged = the_plan(merge_file(bundled, write_snapshot(theirs, tmp_path / "t2.toml", at(5)),
                                 now=at(6)))  # fmt: skip
    assert merged.conflicts == () and [f.ref for f in merged.fields_applied] == ["2"]
    assert show_action(bundled, PLAN, "2", today=TODAY).row.text == "Their wording."


def test_the_same_new_ref_on_both_sides_is_a_conflict(bundled: Store, tmp_path: Path) -> None:
    theirs = copy_of(bundled, tmp_path / "theirs.db")
    for store, text, hour in ((bundled, "Ours.", 1), (theirs, "Theirs.", 2)):
        values = editing.ActionFields(text=text)
        editing.add_action(
            store, plan_key=PLAN, theme="Policy context", values=values, now=at(hour), ref="24"
        )
    add_update(theirs, plan_key=PLAN, ref="24", body="Their note.", day=TODAY, author="t",
               now=at(2))  # fmt: skip
    merged = the_plan(merge_file(bundled, write_snapshot(theirs, tmp_path / "t.toml", at(3)),
                                 now=at(4)))  # fmt: skip
    (conflict,) = merged.conflicts
    assert conflict.ref == "24" and conflict.changes[0].theirs == "Theirs."
    assert show_action(bundled, PLAN, "24", today=TODAY).row.text == "Ours."


def test_an_edit_made_only_here_stays_and_is_not_listed(bundled: Store, tmp_path: Path) -> None:
    theirs = copy_of(bundled, tmp_path / "theirs.db")
    add_update(theirs, plan_key=PLAN, ref="2", body="Their note.", day=TODAY, author="t",
               now=at(1))  # fmt: skip
    edit_text(bundled, "2", "Our wording.", at(2))
    merged = the_plan(merge_file(bundled, write_snapshot(theirs, tmp_path / "t.toml", at(3)),
                                 now=at(4)))  # fmt: skip
    assert merged.conflicts == () and merged.fields_applied == ()
    assert merged.kept_ours == ("2",)
    assert [u.ref for u in merged.updates_added] == ["2"]
    assert show_action(bundled, PLAN, "2", today=TODAY).row.text == "Our wording."
