"""`planterm import --merge`: a readable report of what came in and what to settle."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from planterm.services.changes import add_update
from planterm.storage.store import Store
from tests.cli.test_bad_input import one_line
from tests.conftest import TODAY, Result
from tests.services.merge_scenario import PLAN, at, dump, edit_text, make_scenario, write_snapshot

Run = Callable[..., Result]


@pytest.fixture
def snapshot(bundled: Store, tmp_path: Path) -> Path:
    """Their snapshot after work on both sides (see merge_scenario), ours at db_path."""
    scenario = make_scenario(bundled, tmp_path)
    scenario.theirs.dispose()
    bundled.dispose()
    return scenario.snapshot


def test_the_report_groups_what_came_in_by_plan(planterm: Run, snapshot: Path) -> None:
    result = planterm("import", str(snapshot), "--merge")
    assert result.code == 0 and result.err == ""
    out = result.out
    assert out.startswith(f"Merged {snapshot}\n")
    assert "Agencies added: Women's Aid" in out
    headings = [
        "Updates added (1):",
        "Updates not brought back (1):",
        "Statuses applied (1):",
        "Actions added (1):",
        "Fields applied (1):",
        "Conflicts, ours kept (2):",
        "\n  Only here (1): ref 30\n",
    ]
    assert [out.index(h) for h in headings] == sorted(out.index(h) for h in headings)
    assert "ref 3: 2021-04-15 · Q1 2021-22 · them: Their note." in out
    assert "(removed here)" in out
    assert "ref 4: ? Untriaged → ✔ Complete (them, 2021-04-15 11:30 UTC: Published)" in out
    assert "ref 24 (Policy context): Their new action." in out
    assert "ref 6: text now 'Their wording of 6.'" in out
    assert "      status: ours ▶ On track, theirs ✔ Complete" in out
    assert "(them, 2021-04-15 13:30 UTC: Signed off at the board)" in out
    assert "to take theirs: planterm set-status pcc-da-2020 5 complete" in out
    assert "      text: ours 'Our wording of 7.', theirs 'Their wording of 7.'" in out
    assert 'to take theirs: edit it in the app (ctrl+p "pcc-da-2020 7", enter, e)' in out
    assert out.rstrip().endswith(
        "2 conflicts to settle: ours is kept until you take theirs as shown above."
    )
    again = planterm("import", str(snapshot), "--merge")
    assert again.code == 0 and "Nothing to take in.\n2 conflicts to settle" in again.out
    assert "to take theirs: planterm set-status pcc-da-2020 5 complete" in again.out
    assert "agree" not in again.out


def test_json_gives_every_group_and_how_to_settle(planterm: Run, snapshot: Path) -> None:
    result = planterm("import", str(snapshot), "--merge", "--json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["dry_run"] is False and data["agencies_added"] == ["Women's Aid"]
    (plan,) = data["plans"]
    assert plan["plan"] == PLAN and plan["new"] is False
    assert [u["body"] for u in plan["updates_added"]] == ["Their note."]
    assert plan["updates_not_brought_back"][0]["why"] == "removed here"
    assert plan["statuses_applied"] == [
        {
            "ref": "4",
            "from": None,
            "to": "complete",
            "their_status_changes": [
                {
                    "at": "2021-04-15T11:30:00+00:00",
                    "from": None,
                    "to": "complete",
                    "by": "them",
                    "reason": "Published",
                }
            ],
        }
    ]
    assert [a["ref"] for a in plan["actions_added"]] == ["24"]
    assert plan["fields_applied"][0]["fields"][0]["theirs"] == "Their wording of 6."
    status, text = plan["conflicts"]
    assert status["status"] == {"ours": "on-track", "theirs": "complete"}
    assert status["their_status_changes"][0]["reason"] == "Signed off at the board"
    assert status["their_status_changes_recorded"] is True
    assert status["to_take_theirs"] == ["planterm set-status pcc-da-2020 5 complete"]
    assert text["fields"] == [
        {"field": "text", "ours": "Our wording of 7.", "theirs": "Their wording of 7."}
    ]
    assert text["newer"] == "ours" and text["status"] == {"ours": None, "theirs": None}
    assert plan["only_here"] == ["30"]


def test_a_dry_run_shows_the_same_and_writes_nothing(
    planterm: Run, snapshot: Path, db_path: Path
) -> None:
    before = dump(db_path)
    dry = planterm("import", str(snapshot), "--merge", "--dry-run")
    assert dry.code == 0
    assert dry.out.startswith(f"Dry run: merging {snapshot} would do this (nothing written)")
    assert (
        "The merge would take in 1 update, 1 status change, 1 action, 1 edited action." in dry.out
    )
    assert dump(db_path) == before
    real = planterm("import", str(snapshot), "--merge")
    assert real.out.split("\n", 1)[1] == dry.out.split("\n", 1)[1].replace(
        "The merge would take in", "The merge took in"
    )
    read_only = planterm("--read-only", "import", str(snapshot), "--merge", "--dry-run")
    assert read_only.code == 0 and "Nothing to take in." in read_only.out


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        (("--merge", "--replace"), "--merge keeps both sides and --replace throws ours away"),
        (("--json",), "--json goes with --merge"),
        (("--merge", "--scheme", "rag"), "--scheme is for importing a table, not a snapshot"),
    ],
)
def test_options_that_do_not_go_together_are_refused(
    planterm: Run, snapshot: Path, db_path: Path, options: tuple[str, ...], needle: str
) -> None:
    before = dump(db_path)
    one_line(planterm("import", str(snapshot), *options), needle, "see planterm import --help")
    assert dump(db_path) == before


def test_one_snapshot_at_a_time(planterm: Run, snapshot: Path, db_path: Path) -> None:
    before = dump(db_path)
    result = planterm("import", str(snapshot), str(snapshot), "--merge")
    one_line(result, "--merge takes one snapshot at a time")
    assert dump(db_path) == before


def test_a_snapshot_with_other_status_keys_gets_one_line(
    planterm: Run, snapshot: Path, db_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "other-key.toml"
    bad.write_text(snapshot.read_text(encoding="utf-8").replace('"complete"', '"finished"'))
    before = dump(db_path)
    one_line(
        planterm("import", str(bad), "--merge"),
        str(bad),
        "plan pcc-da-2020: the file's status keys differ",
        "only in the file: finished; only here: complete",
    )
    assert dump(db_path) == before


def test_their_text_is_printed_as_data(
    planterm: Run, bundled: Store, tmp_path: Path, db_path: Path
) -> None:
    from tests.services.merge_scenario import copy_of

    theirs = copy_of(bundled, tmp_path / "theirs.db")
    add_update(theirs, plan_key=PLAN, ref="2", body="Done\x1b]52;c;cHduZWQ=\x07 \x1b[2J",
               day=TODAY, author="them\x1b[31m", now=at(1))  # fmt: skip
    edit_text(theirs, "3", "New\x1b[8m wording", at(2))
    snapshot = write_snapshot(theirs, tmp_path / "t.toml", at(3))
    theirs.dispose()
    bundled.dispose()
    for options in ((), ("--json",)):
        result = planterm("import", str(snapshot), "--merge", "--dry-run", *options)
        assert result.code == 0
        assert "\x1b" not in result.out and "\x07" not in result.out
        assert "\\x1b" in result.out or "\\u001b" in result.out
    assert (
        "Done\\x1b]52;c;cHduZWQ=\\x07 \\x1b[2J" in planterm("import", str(snapshot), "--merge").out
    )
