"""The benchmark harness: its arithmetic, its reports and its floors. Never timings."""

import json
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bench import floor, growth, report, run, stats, taskwarrior
from planterm.cli.commands import cli
from planterm.storage.store import Store

TODAY = "2021-04-15"


def planterm_json(db: Path, *args: str) -> Any:
    done = CliRunner().invoke(cli, ["--db", str(db), "--today", TODAY, *args])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def keys(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["plan"], r["ref"]) for r in rows]


# statistics and verdicts


def test_timing_gives_median_min_and_max() -> None:
    odd = stats.Timing((0.3, 0.1, 0.2))
    even = stats.Timing((0.4, 0.1, 0.2, 0.3))
    assert (odd.median, odd.min, odd.max) == (0.2, 0.1, 0.3)
    assert even.median == pytest.approx(0.25)
    assert odd.as_json()["samples_s"] == [0.3, 0.1, 0.2]


def test_timing_needs_a_run() -> None:
    with pytest.raises(ValueError):
        stats.Timing(())


def test_verdict_passes_at_the_target_and_fails_above_it() -> None:
    assert stats.verdict(stats.ratio(0.3, 0.1), 3.0) == stats.PASS
    assert stats.verdict(stats.ratio(0.31, 0.1), 3.0) == stats.FAIL
    assert stats.verdict(1.0, 1.0, strict=True) == stats.FAIL
    assert stats.verdict(0.99, 1.0, strict=True) == stats.PASS
    assert stats.ratio(1.0, 0.0) == float("inf")


def test_a_failing_command_stops_the_measure() -> None:
    with pytest.raises(stats.CommandFailed):
        stats.time_command(["python3", "-c", "raise SystemExit(3)"], runs=1)


def test_prepare_runs_before_every_run(tmp_path: Path) -> None:
    marks = tmp_path / "marks"

    def mark() -> None:
        with marks.open("a") as stream:
            stream.write("x")

    timing = stats.time_command(["python3", "-c", "pass"], runs=3, prepare=mark)
    assert len(timing.samples) == 3
    assert marks.read_text() == "xxx"


# reports


def figure(
    name: str, timing: Any, floor_name: str, floor_timing: Any, ratio: float, target: float
) -> dict[str, Any]:
    verdict = stats.verdict(ratio, target)
    return {"name": name, "planterm": timing, "floor_name": floor_name, "floor": floor_timing,
            "ratio": ratio, "target": target, "verdict": verdict}  # fmt: skip


def a_result(*, task: bool = False) -> dict[str, Any]:
    timing = stats.Timing((0.5, 0.4, 0.6)).as_json()
    floor_timing = stats.Timing((0.1, 0.1, 0.1)).as_json()
    comparison: dict[str, Any] = {"planterm_name": "list", "task_name": "task list"}
    comparison["planterm"] = timing
    comparison.update({"task": timing, "ratio": 1.0, "verdict": stats.FAIL})
    return {
        "date": "2026-11-24 02:00 UTC",
        "machine": {"cpu_count": 2, "cpu_model": "Test CPU", "python": "3.11.7", "platform": "x"},
        "versions": {"planterm": "0.1.0"},
        "database": {"source": "given", "actions": 117, "updates": 101, "bytes": 1},
        "today": TODAY,
        "runs": 3,
        "search_word": "support",
        "commands": [
            figure("list --json", timing, "raw sqlite3 list query", floor_timing, 5.0, 3.0),
            figure("export", floor_timing, "tomli_w.dumps", floor_timing, 1.0, 1.2),
        ],
        "one_plan": {
            "source": "bench/generate.py --actions 100 --plans 1 --seed 1",
            "figures": [
                {
                    "name": "export (one plan, 100 actions)",
                    "planterm": floor_timing,
                    "limit_s": 0.3,
                    "verdict": stats.PASS,
                },
                {
                    "name": "import (one plan, 100 actions)",
                    "planterm": timing,
                    "limit_s": 0.3,
                    "verdict": stats.FAIL,
                },
            ],
        },
        "taskwarrior": (
            {"installed": True, "version": "2.6.2", "comparisons": [comparison]}
            if task
            else {"installed": False, "comparisons": []}
        ),
        "ui": {"measured": False, "note": "left out (--no-ui)"},
    }


def test_results_are_written_as_markdown_and_json(tmp_path: Path) -> None:
    result = a_result()
    md, js = report.write_results(result, tmp_path)
    assert json.loads(js.read_text()) == result
    text = md.read_text()
    assert "2 × Test CPU; Python 3.11.7" in text
    assert "| `list --json` | 500 (400–600) | 100 (100–100) | raw sqlite3 list query" in text
    assert "| 5.00x | <= 3.0x floor | FAIL |" in text
    assert "| 1.00x | <= 1.2x floor | PASS |" in text
    assert "| `export (one plan, 100 actions)` | 100 (100–100) | <= 300 ms | PASS |" in text
    assert "| `import (one plan, 100 actions)` | 500 (400–600) | <= 300 ms | FAIL |" in text
    assert "taskwarrior: not installed, skipped" in text
    assert "left out (--no-ui)" in text.lower()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RESULTS.md", "results.json"]


def test_taskwarrior_rows_are_reported_when_installed(tmp_path: Path) -> None:
    md, _ = report.write_results(a_result(task=True), tmp_path)
    assert "| `list` | `task list` | 500 (400–600) | 500 (400–600) | 1.00 | < 1.0 | FAIL |" in (
        md.read_text()
    )
    assert run.failures(a_result(task=True)) == [
        "list --json",
        "import (one plan, 100 actions)",
        "list",
    ]


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "RESULTS.md"
    target.write_text("old")

    def refuse(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        report.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["RESULTS.md"]


# the floors return what planterm returns


@pytest.fixture
def plans_db(bundled: Store, db_path: Path) -> Path:
    """The five bundled plans; the floors read the file while the store stays open."""
    return db_path


def test_overdue_floor_matches_list_overdue(plans_db: Path) -> None:
    ours = planterm_json(plans_db, "list", "--overdue", "--json")
    rows = floor.query("overdue", str(plans_db), TODAY)
    assert ours, "the bundled plans have overdue actions on this day"
    assert keys(rows) == keys(ours)


def test_list_floor_matches_list(plans_db: Path) -> None:
    ours = planterm_json(plans_db, "list", "--json")
    rows = floor.query("list", str(plans_db), TODAY)
    assert keys(rows) == keys(ours)
    for mine, theirs in zip(rows, ours, strict=True):
        assert mine["status"] == theirs["status"]
        assert mine["due"] == theirs["due"]
        assert mine["start_after"] == theirs["start_after"]
        assert mine["last_update"] == theirs["last_update"]
        assert mine["update_count"] == theirs["update_count"]
        assert (mine["leads"].split("|") if mine["leads"] else []) == theirs["leads"]
        assert mine["text"] == theirs["text"]


def test_summary_floor_matches_summary(plans_db: Path) -> None:
    ours = planterm_json(plans_db, "summary", "--json")
    counted: dict[tuple[str, str, str], int] = {}
    for row in floor.query("summary", str(plans_db), TODAY):
        counted[(row["plan"], row["theme"], row["status"])] = row["n"]
    expected = {
        (plan["plan"], theme["theme"], status): count["count"]
        for plan in ours
        for theme in plan["themes"]
        for status, count in theme["counts"].items()
        if count["count"]
    }
    assert counted == expected


def test_search_floor_matches_list_search(plans_db: Path) -> None:
    word = run.pick_word(plans_db)
    ours = planterm_json(plans_db, "list", "--search", word, "--json")
    rows = floor.query("search", str(plans_db), TODAY, word)
    assert ours
    assert keys(rows) == keys(ours)


def test_floor_script_prints_the_rows_as_json(
    plans_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert floor.main(["overdue", str(plans_db), TODAY]) == 0
    assert json.loads(capsys.readouterr().out) == floor.query("overdue", str(plans_db), TODAY)


def test_tasks_carry_plan_due_and_done(plans_db: Path) -> None:
    rows = floor.query("list", str(plans_db), TODAY)
    done = {rows[0]["status"]} if rows[0]["status"] else set()
    tasks = taskwarrior.as_tasks(rows, done)
    assert len(tasks) == len(rows)
    assert tasks[0]["project"] == rows[0]["plan"]
    assert ("end" in tasks[0]) == bool(done)
    dated = [(t, r) for t, r in zip(tasks, rows, strict=True) if r["due"]]
    assert dated
    assert all(t["due"] == r["due"].replace("-", "") + "T000000Z" for t, r in dated)
    moved = taskwarrior.as_tasks(rows, done, shift=timedelta(days=1))
    first, row = next((t, r) for t, r in zip(moved, rows, strict=True) if r["due"])
    assert first["due"] == (date.fromisoformat(row["due"]) + timedelta(days=1)).strftime(
        "%Y%m%dT000000Z"
    )


# the harness end to end


def test_a_missing_generator_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run, "GENERATOR", run.BENCH / "no-such-generate.py")
    assert run.main(["--data", str(tmp_path), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no-such-generate.py is missing" in err
    assert list(tmp_path.iterdir()) == []


def names_read(result: dict[str, Any]) -> list[str]:
    return [c["name"] for c in result["commands"]][: run.READS]


def key(name: str, median: float) -> dict[str, Any]:
    return {"name": name, "answer": {"median_s": median}}


def test_a_keystroke_is_flat_within_half_again_or_5_ms_of_the_smallest_size() -> None:
    sizes = [
        {"actions": 100_000, "ui": {"measured": True, "keys": [
            key("cursor down one row", 0.017), key("a filter (o: overdue)", 0.040),
            key("a search (enter)", 0.400)]}},
        {"actions": 1_000, "ui": {"measured": True, "keys": [
            key("cursor down one row", 0.010), key("a filter (o: overdue)", 0.020),
            key("a search (enter)", 0.030)]}},
    ]  # fmt: skip
    rows = {row["name"]: row for row in growth.flatness(sizes)}
    cursor, filtered, search = rows.values()
    assert cursor["actions"] == [1_000, 100_000] and cursor["median_s"] == [0.010, 0.017]
    assert cursor["allowed_s"] == pytest.approx(0.015) and cursor["verdict"] == stats.FAIL
    assert filtered["allowed_s"] == pytest.approx(0.030) and filtered["verdict"] == stats.FAIL
    assert search["allowed_s"] is None and search["verdict"] == "-"
    assert growth.failures({"flat": list(rows.values())}) == [
        "growth: cursor down one row", "growth: a filter (o: overdue)",
    ]  # fmt: skip
    sizes[0]["ui"]["keys"][0] = key("cursor down one row", 0.015)
    assert growth.flatness(sizes)[0]["verdict"] == stats.PASS
    assert growth.flatness(sizes[:1]) == []


def test_the_growth_section_sets_the_sizes_side_by_side(tmp_path: Path) -> None:
    result = a_result()
    ui = {"measured": True, "launch": {"median_s": 0.5}, "memory": {"peak_rss_bytes": 2**26},
          "keys": [key("cursor down one row", 0.012)]}  # fmt: skip
    result["ui"] = ui
    small = {"actions": 10, "commands": result["commands"][:1], "ui": ui}
    result["growth"] = {"sizes": [small], "flat": growth.flatness([
        {"actions": 10, "ui": ui}, {"actions": 117, "ui": ui}])}  # fmt: skip
    text = "\n".join(report.growth_section(result))
    assert "| command | 10 actions | 117 actions |" in text
    assert "| `list --json` | 500 (5.00x) | 500 (5.00x) |" in text
    assert "| cursor down one row | 12.0 | 12.0 | 18.0 | PASS |" in text
    assert "| peak memory (RSS) | 64 MiB | 64 MiB | - | - |" in text
    small["actions"] = 1000  # the main database the smallest: its extra commands are left out
    text = "\n".join(report.growth_section(result))
    assert "| command | 117 actions | 1,000 actions |" in text and "`export`" not in text


@pytest.mark.slow
def test_the_harness_runs_end_to_end_once(plans_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = ["--db", str(plans_db), "--today", TODAY, "--runs", "1", "--out", str(out),
            "--data", str(tmp_path / "data"), "--presses", "1", "--growth", "60"]  # fmt: skip
    assert run.main(argv) == 0
    result = json.loads((out / "results.json").read_text())
    (grown,) = result["growth"]["sizes"]
    assert grown["actions"] == 60
    assert [c["name"] for c in grown["commands"]] == names_read(result)
    flat = {row["name"]: row for row in result["growth"]["flat"]}
    assert flat["cursor down one row"]["actions"] == [60, 117]
    assert flat["a search (enter)"]["verdict"] == "-"
    assert "## Growth" in (out / "RESULTS.md").read_text()
    names = [c["name"] for c in result["commands"]]
    assert names[:3] == ["list --overdue --json", "list --json", "summary --json"]
    assert names[4:] == ["export", "import"]
    assert all(c["verdict"] in (stats.PASS, stats.FAIL) for c in result["commands"])
    assert result["database"]["actions"] == 117
    assert [k["name"] for k in result["ui"]["keys"]][:3] == [
        "cursor down one row", "a filter (o: overdue)", "a search (enter)",
    ]  # fmt: skip
    assert "## UI, headless (run_test at 120x40)" in (out / "RESULTS.md").read_text()
    assert [f["name"] for f in result["one_plan"]["figures"]] == [
        "export (one plan, 100 actions)",
        "import (one plan, 100 actions)",
    ]


def test_the_one_plan_measures_export_one_plan_of_100_actions_and_import_it_whole(
    tmp_path: Path,
) -> None:
    """The database of the one-plan measures, and what its two commands do (never how fast)."""
    args = run.parse_args(["--data", str(tmp_path / "data"), "--today", TODAY])
    db, source = run.generated(args, actions=run.ONE_PLAN_ACTIONS, plans=1)
    assert "--plans 1" in source
    assert run.generated(args, actions=run.ONE_PLAN_ACTIONS, plans=1)[0] == db  # cached
    counts = {t: run.scalar(db, f"SELECT count(*) FROM {t}") for t in ("plan", "action")}
    assert counts == {"plan": 1, "action": run.ONE_PLAN_ACTIONS}
    export, load = run.one_plan_limits(db, TODAY, tmp_path)
    assert (export.limit_s, load.limit_s) == (0.3, 1.0)
    for limit in (export, load, load):  # the import's prepare empties its target each time
        if limit.prepare is not None:
            limit.prepare()
        done = subprocess.run(limit.argv, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    imported = tmp_path / "one-plan-import.db"
    assert run.scalar(imported, "SELECT count(*) FROM action") == run.ONE_PLAN_ACTIONS
    again = tmp_path / "again.toml"
    command = [run.planterm_executable(), "--db", str(imported), "--today", TODAY,
               "export", "-o", str(again)]  # fmt: skip
    subprocess.run(command, capture_output=True, check=True)

    def body(path: Path) -> list[str]:
        return [
            line for line in path.read_text().splitlines() if not line.startswith("exported_at")
        ]

    assert body(again) == body(tmp_path / "one-plan.toml")
