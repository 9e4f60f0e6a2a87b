"""planterm diff: what moved since a snapshot, as text and as JSON (docs/diff.md)."""

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from planterm.cli.render_diff import diff_text
from planterm.domain.snapshot_diff import PlanDiff, Side, SnapshotDiff, StatusMove, ThemeDiff
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.editing import action_fields, add_action, delete_action, edit_action
from planterm.services.transfer import export_to_file
from planterm.storage.store import Store
from tests.cli.test_bad_input import one_line
from tests.conftest import NOW, TODAY, url_of

PLAN = "pcc-da-2020"
LATER = date(2021, 7, 15)
THEME_KEYS = {
    "theme", "changed", "status_changes", "new_updates", "added", "removed", "edited",
    "dates_moved", "became_overdue", "became_due_to_start", "shares",
}  # fmt: skip


@pytest.fixture
def april(bundled: Store, tmp_path: Path) -> Path:
    """A snapshot of the 2020 plan on 15 April; then a status change and an update."""
    set_status(bundled, plan_key=PLAN, ref="9", status="on-track", author="kd", now=NOW)
    old = export_to_file(bundled, tmp_path / "april.toml", plan_keys=[PLAN], now=NOW)
    set_status(bundled, plan_key=PLAN, ref="10", status="on-track", author="kd", now=NOW,
               reason="Referrals up \x1b[31mred")  # fmt: skip
    add_update(bundled, plan_key=PLAN, ref="2", body="Training booked.", day=date(2021, 5, 10),
               author="NW", now=NOW)  # fmt: skip
    return old


def test_diff_has_help(planterm) -> None:  # type: ignore[no-untyped-def]
    result = planterm("diff", "--help")
    assert result.code == 0 and "Usage: planterm diff [OPTIONS] OLD [NEW]" in result.out


def test_against_the_database_grouped_by_plan_and_theme(planterm, april: Path) -> None:  # type: ignore[no-untyped-def]
    result = planterm("diff", str(april), today=LATER)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"Changes from {april} (2021-04-15) to the database (2021-07-15)"
    assert lines[2].startswith("pcc-da-2020: PCC Domestic Abuse Position Paper 2020")
    out = result.out
    assert out.index("  Nature and prevalence of domestic abuse\n    New updates\n") < out.index(
        "  Safeguarding\n    Status changes\n"
    )
    assert "      2   2021-05-10 · Q1 2021-22 · NW: Training booked.\n" in out
    moved = "? Untriaged → ▶ On track, by kd at 2021-04-15 09:30 UTC: Referrals up \\x1b[31mred"
    assert f"      10  {moved}\n" in out
    assert "\x1b" not in out  # user text is data: the escape is shown, not obeyed
    assert "    Shares\n      ▶ On track   1/4 (25%) → 2/4 (50%)\n" in out
    assert "      ? Untriaged  3/4 (75%) → 2/4 (50%)\n" in out
    assert "  All themes\n    Shares\n      ▶ On track   1/23 (4%)   → 2/23 (9%)\n" in out
    assert "pcd-2019-20-t2" not in out  # only the snapshot's plans are compared


def test_two_files_as_json(planterm, bundled: Store, april: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    july = export_to_file(bundled, tmp_path / "july.toml", plan_keys=[PLAN, "da-jsna"],
                          now=datetime(2021, 7, 15, 9, 30, tzinfo=UTC))  # fmt: skip
    result = planterm("diff", str(april), str(july), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["format"], data["version"]) == ("planterm-diff", 1)
    assert data["old"] == {"source": str(april), "date": "2021-04-15", "dated": True}
    assert data["new"] == {"source": str(july), "date": "2021-07-15", "dated": True}
    assert data["old_after_new"] is False and result.err == ""
    added, plan = data["plans"]
    assert (added["plan"], added["change"], added["actions"], added["themes"]) == (
        "da-jsna", "added", {"old": 0, "new": 19}, [],
    )  # fmt: skip
    assert (plan["plan"], plan["change"], plan["actions"]) == (
        PLAN,
        "changed",
        {"old": 23, "new": 23},
    )
    themes = {t["theme"]: t for t in plan["themes"]}
    assert len(themes) == 9 and all(t.keys() == THEME_KEYS for t in themes.values())
    (move,) = themes["Safeguarding"]["status_changes"]
    assert move == {
        "ref": "10",
        "text": move["text"],
        "from": {"key": None, "label": "Untriaged", "symbol": "?"},
        "to": {"key": "on-track", "label": "On track", "symbol": "▶"},
        "at": "2021-04-15T09:30:00+00:00",
        "by": "kd",
        "reason": "Referrals up \x1b[31mred",
        "recorded": True,
    }
    assert "\\u001b" in result.out  # escaped in the JSON text, exact once parsed
    on_track = next(s for s in themes["Safeguarding"]["shares"] if s["status"]["key"] == "on-track")
    assert on_track == {
        "status": {"key": "on-track", "label": "On track", "symbol": "▶"},
        "old": {"count": 1, "total": 4, "share": "1/4 (25%)"},
        "new": {"count": 2, "total": 4, "share": "2/4 (50%)"},
        "moved": True,
    }
    (update,) = themes["Nature and prevalence of domestic abuse"]["new_updates"]
    assert {k: update[k] for k in ("ref", "date", "period", "author", "body")} == {
        "ref": "2", "date": "2021-05-10", "period": "Q1 2021-22", "author": "NW",
        "body": "Training booked.",
    }  # fmt: skip
    assert themes["Covid 19"]["changed"] is False


def test_edits_dates_and_added_and_removed_actions_as_text(
    planterm, bundled: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old = export_to_file(bundled, tmp_path / "april.toml", plan_keys=[PLAN], now=NOW)
    four = show_action(bundled, PLAN, "4", today=NOW.date()).row.id
    values, version = action_fields(bundled, four)
    text = values.text.replace("to continue to", "to stop trying to")
    edit_action(bundled, action_id=four, expected_version=version, now=NOW,
                values=replace(values, text=text, due=date(2021, 9, 30), leads=("PCC",),
                               fields={"Funding": "MoJ"}))  # fmt: skip
    add_action(bundled, plan_key=PLAN, theme="Covid 19", now=NOW,
               values=replace(values, text="Review the recovery plan.", fields={}))  # fmt: skip
    delete_action(bundled, action_id=show_action(bundled, PLAN, "5", today=NOW.date()).row.id,
                  expected_version=1)  # fmt: skip
    out = planterm("diff", str(old)).out
    prevention = out[out.index("  Prevention\n") : out.index("  Covid 19\n")]
    lines = prevention.splitlines()
    assert lines[2].startswith("      5   ? Untriaged  The PCC to work with the Nottingham")
    assert lines[2].endswith("…") and len(lines[2]) == 200  # cut to the terminal's width
    assert lines[:2] + lines[3:] == [
        "  Prevention",
        "    Removed",
        "    Edited",
        "      4   text: …partners to continue to invest in univ… → "
        "…partners to stop trying to invest in u…",
        "      4   leads: PCC, City Council, County Council, CCGs → PCC",
        '      4   field "Funding": - → MoJ',
        "    Dates moved",
        "      4   due: - → 2021-09-30",
        "    Shares",
        "      ? Untriaged  2/2 (100%) → 1/1 (100%)",
    ]
    assert "  Covid 19\n    Added\n      24  ? Untriaged  Review the recovery plan.\n" in out


def test_a_rehearsed_quarter_is_compared_on_the_days_rehearsed(
    planterm, bundled: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The README's example: an export on 15 April and a diff on 15 July, both rehearsed.

    The export is dated the day given, not the clock's (CLOCK is in 2030), so
    ref 6, due on 30 June, becomes overdue between the two.
    """
    six = show_action(bundled, PLAN, "6", today=TODAY).row.id
    values, version = action_fields(bundled, six)
    edit_action(bundled, action_id=six, expected_version=version, now=NOW,
                values=replace(values, due=date(2021, 6, 30)))  # fmt: skip
    april = tmp_path / "april.toml"
    assert planterm("export", "--plan", PLAN, "-o", str(april), today=TODAY).code == 0
    moved = planterm("set-status", PLAN, "10", "on-track", "--reason", "Referrals up", today=LATER)
    assert moved.code == 0
    result = planterm("diff", str(april), today=LATER)
    assert result.code == 0 and result.err == ""
    out = result.out
    assert out.splitlines()[0] == f"Changes from {april} (2021-04-15) to the database (2021-07-15)"
    assert "  Identification\n    Became overdue\n      6   due 2021-06-30  ? Untriaged  " in out
    assert "10  ? Untriaged → ▶ On track, by tester at 2021-07-15 12:00 UTC: Referrals up\n" in out


def test_old_dated_after_new_is_a_warning_not_an_error(
    planterm, bundled: Store, april: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    july = export_to_file(bundled, tmp_path / "july.toml", plan_keys=[PLAN],
                          now=datetime(2021, 7, 15, 9, 30, tzinfo=UTC))  # fmt: skip
    backwards = planterm("diff", str(july), str(april))
    assert backwards.code == 0 and backwards.out.startswith(f"Changes from {july} (2021-07-15)")
    assert backwards.err == (
        f"planterm: warning: OLD ({july}, 2021-07-15) is dated after NEW ({april}, 2021-04-15); "
        "were the two files given in the wrong order?\n"
    )
    as_json = planterm("diff", str(july), str(april), "--json")
    assert json.loads(as_json.out)["old_after_new"] is True and as_json.err == backwards.err
    assert planterm("diff", str(april), str(july)).err == ""
    database = planterm("diff", str(july), today=TODAY)
    assert database.code == 0
    assert database.err == (
        f"planterm: warning: OLD ({july}, 2021-07-15) is dated after today (2021-04-15); "
        "is --today the day you mean?\n"
    )


def summer_time_move() -> SnapshotDiff:
    """A diff whose one change was made at 00:30 British Summer Time on 15 April."""
    at = datetime(2021, 4, 15, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    moved = StatusMove("10", "Referrals", None, None, at=at, by="kd")
    plan = PlanDiff(PLAN, "Plan", "both", 1, 1, (ThemeDiff("Safeguarding", (moved,)),))
    return SnapshotDiff(Side("april.toml", TODAY), Side("july.toml", LATER), (plan,))


def test_a_time_shown_as_utc_is_turned_to_utc() -> None:
    assert "by kd at 2021-04-14 23:30 UTC\n" in diff_text(summer_time_move()) + "\n"


def test_a_narrow_heading_cuts_the_file_names_never_the_dates(
    planterm, bundled: Store, april: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "meetings-of-the-domestic-abuse-board"
    folder.mkdir()
    july_now = datetime(2021, 7, 15, 9, 30, tzinfo=UTC)
    july = folder / "planterm-pcc-da-2020-2021-07-15.toml"
    export_to_file(bundled, july, plan_keys=[PLAN], now=july_now)
    monkeypatch.setenv("COLUMNS", "100")  # what a pipe gets
    heading = planterm("diff", str(april), str(july)).out.splitlines()[0]
    assert heading.startswith("Changes from ") and len(heading) == 100
    assert "/april.toml (2021-04-15) to …" in heading
    assert heading.endswith("-2021-07-15.toml (2021-07-15)")
    short = planterm("diff", "--plan", PLAN, str(april)).out.splitlines()[0]
    assert short.endswith(" (2021-04-15) to the database (2021-04-15)")  # names kept when they fit


def test_a_plan_on_one_side_keeps_its_count_when_cut(
    planterm, bundled: Store, april: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    both = export_to_file(bundled, tmp_path / "both.toml", plan_keys=[PLAN, "da-jsna"], now=NOW)
    monkeypatch.setenv("COLUMNS", "60")
    lines = planterm("diff", str(april), str(both)).out.splitlines()
    (added,) = [line for line in lines if line.startswith("Added plan")]
    assert added.startswith("Added plan da-jsna (19 actions): ") and added.endswith("…")
    assert len(added) == 60


def test_no_changes_says_so(planterm, bundled_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store(url_of(bundled_db))
    snap = export_to_file(store, tmp_path / "now.toml", plan_keys=["da-jsna"], now=NOW)
    store.dispose()
    result = planterm("diff", str(snap))
    assert result.code == 0 and result.out.splitlines()[-1] == "No changes: da-jsna"


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        (None, ("missing.toml: no such file",)),
        ("version = = 1\n", ("broken.toml, line 1", "not valid TOML")),
        ('format = "something-else"\n', ("broken.toml, line 1: not a planterm snapshot",)),
    ],
)
def test_a_bad_file_is_one_line_and_exit_1(
    planterm, bundled_db: Path, tmp_path: Path, content: str | None, needles: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / ("missing.toml" if content is None else "broken.toml")
    if content is not None:
        path.write_text(content)
    one_line(planterm("diff", str(path)), *needles)
    good = tmp_path / "good.toml"
    good.write_text('format = "planterm-snapshot"\nversion = 1\n')
    one_line(planterm("diff", str(good), str(path)), *needles)


def test_a_plan_on_neither_side_is_one_line(planterm, april: Path) -> None:  # type: ignore[no-untyped-def]
    one_line(
        planterm("diff", str(april), "--plan", "pcc-da-2021"), "plan 'pcc-da-2021' is in neither"
    )


def test_a_bad_file_hint_fits_diff_not_import(planterm, bundled_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "bad.toml"
    broken.write_text('format = "planterm-snapshot"\nversion = = 1\n')
    newer = tmp_path / "newer.toml"
    newer.write_text('format = "planterm-snapshot"\nversion = 99\n')
    for path, hint in ((broken, "fix the file, or export the snapshot again"),
                       (newer, "upgrade planterm to read it")):  # fmt: skip
        result = planterm("diff", str(path))
        assert result.code == 1 and result.err.rstrip().endswith(hint), result.err
        assert "import" not in result.err
