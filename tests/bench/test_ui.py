"""The headless UI harness: its parsing, verdicts and report. Never timings."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench import report, run, stats, ui, ui_keys
from planterm.storage.store import Store

TODAY = "2021-04-15"


def keys(first: float, answer: float, presses: int = 3) -> list[list[float]]:
    """Samples of a key whose answer is shown in its last paint."""
    return [[first, answer, answer]] * presses


def a_ui(**over: float) -> dict[str, object]:
    launches = [over.get("launch", 0.5)] * 3
    samples = {
        "cursor down one row": keys(0.004, over.get("down", 0.010)),
        ui.SEARCH: keys(0.02, over.get("search", 0.090)),
        ui.OPEN: keys(0.004, 0.012),
    }
    peaks = [70 * ui.MIB] * 3 + [int(over.get("memory", 80 * ui.MIB))]
    return ui.figures(launches, samples, peaks, presses=3, updates=50)


def test_the_result_line_is_found_among_what_the_app_prints() -> None:
    out = 'warming up\nRESULT {"painted_monotonic": 1.5}\nbye\n'
    assert ui.parse_result(out) == {"painted_monotonic": 1.5}
    with pytest.raises(stats.CommandFailed):
        ui.parse_result("Traceback ...\n")


def test_a_keystroke_passes_only_when_median_and_worst_are_within() -> None:
    limits = (0.016, 0.050)
    assert ui.key_verdict(stats.Timing((0.016, 0.010, 0.050)), limits) == stats.PASS
    assert ui.key_verdict(stats.Timing((0.010, 0.010, 0.051)), limits) == stats.FAIL
    assert ui.key_verdict(stats.Timing((0.017, 0.017, 0.020)), limits) == stats.FAIL


def test_figures_carry_first_paint_answer_targets_and_verdicts() -> None:
    figures = a_ui()
    assert figures["measured"] and figures["size"] == [120, 40] and figures["presses"] == 3
    assert figures["verdict"] == stats.PASS and figures["target_s"] == 0.6
    by_name = {k["name"]: k for k in figures["keys"]}  # type: ignore[union-attr]
    assert list(by_name) == ["cursor down one row", ui.SEARCH, "open an action with 50 updates"]
    down = by_name["cursor down one row"]
    assert down["first_paint"]["median_s"] == 0.004 and down["answer"]["median_s"] == 0.010
    assert (down["target_median_s"], down["target_max_s"]) == (0.016, 0.050)
    assert (by_name[ui.SEARCH]["target_median_s"], by_name[ui.SEARCH]["verdict"]) == (
        0.1,
        stats.PASS,
    )
    memory = figures["memory"]
    assert memory["verdict"] == stats.PASS and memory["peak_rss_bytes"] == 80 * ui.MIB  # type: ignore[index]
    assert memory["launch_peaks_bytes"] == [70 * ui.MIB] * 3  # type: ignore[index]
    assert ui.failures(figures) == []
    json.dumps(figures)  # results.json holds it as it is


def test_each_figure_over_its_target_is_a_failure() -> None:
    figures = a_ui(launch=0.7, down=0.020, search=0.2, memory=101 * ui.MIB)
    assert ui.failures(figures) == [
        "UI launch", "UI cursor down one row", f"UI {ui.SEARCH}", "UI peak memory",
    ]  # fmt: skip
    assert ui.failures({"measured": False, "note": "left out (--no-ui)"}) == []


def test_a_status_is_held_to_its_showing_and_its_save_shown_beside_without_a_target() -> None:
    samples = {ui.STATUS: [[0.006, 0.007, 0.045]] * 3}
    figures = ui.figures([0.5], samples, [1, 2], presses=3, updates=50)
    shown, saved = figures["keys"]  # type: ignore[misc]
    assert (shown["name"], shown["answer"]["median_s"], shown["verdict"]) == (
        ui.STATUS, 0.007, stats.PASS,
    )  # fmt: skip
    assert (saved["name"], saved["answer"]["median_s"], saved["verdict"]) == (
        ui.STATUS_SAVED, 0.045, "-",
    )  # fmt: skip
    assert ui.failures(figures) == []
    text = "\n".join(report.ui_section(figures))
    assert f"| {ui.STATUS_SAVED} | 45 (45–45) | 6 (6–6) | - | - |" in text
    assert ui_keys.MEASURES[4] == ui.STATUS


def test_the_busy_action_is_named_by_its_updates() -> None:
    figures = ui.figures([0.5], {ui.OPEN: keys(0.0, 0.0, 1)}, [1, 2], presses=1, updates=12)
    assert [k["name"] for k in figures["keys"]] == ["open an action with 12 updates"]  # type: ignore[union-attr]


def test_the_results_show_a_ui_table_or_say_why_not() -> None:
    text = "\n".join(report.ui_section(a_ui(down=0.020)))
    assert "## UI, headless (run_test at 120x40)" in text
    assert "| launch to first screen | 500 (500–500) | - | <= 600 | PASS |" in text
    assert "| cursor down one row | 20 (20–20) | 4 (4–4) | median <= 16, worst <= 50 | FAIL |" in (
        text
    )
    assert "| peak memory (RSS) | 80 MiB | - | <= 100 MiB | PASS |" in text
    skipped = "\n".join(report.ui_section({"measured": False, "note": "left out (--no-ui)"}))
    assert "not measured" in skipped and "Left out (--no-ui)" in skipped


def test_the_busiest_action_and_a_copy_of_the_database(
    bundled: Store, db_path: Path, tmp_path: Path
) -> None:
    copy = ui.copy_database(db_path, tmp_path / "copy.db")
    action, updates = ui.busiest_action(copy)
    connection = sqlite3.connect(copy)
    try:
        counts = dict(
            connection.execute(
                "SELECT action_id, count(*) FROM progress_update WHERE removed_at IS NULL "
                "GROUP BY action_id"
            ).fetchall()
        )
    finally:
        connection.close()
    assert updates == max(counts.values()) == counts[action]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc only")
def test_a_child_reports_its_own_peak_not_its_parents() -> None:
    held = bytearray(256 * ui.MIB)  # the parent's peak, which ru_maxrss would pass on
    held[::4096] = b"x" * len(held[::4096])
    code = "from bench.ui_child import peak_rss_bytes; print(peak_rss_bytes())"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(ui.__file__).parent.parent,
    )  # fmt: skip
    assert 0 < int(done.stdout) < 200 * ui.MIB
    del held


def test_presses_must_be_at_least_one() -> None:
    with pytest.raises(SystemExit):
        run.parse_args(["--presses", "0"])
    assert run.parse_args(["--no-ui"]).no_ui


@pytest.mark.slow
def test_the_ui_is_measured_end_to_end_once(bundled: Store, db_path: Path, tmp_path: Path) -> None:
    figures = ui.measure(db_path, TODAY, run.pick_word(db_path), runs=1, presses=1, work=tmp_path)
    assert figures["launch"]["median_s"] > 0
    assert len(figures["keys"]) == 6  # five keys, and a status's save
    assert all(k["answer"]["max_s"] >= k["first_paint"]["max_s"] > 0 for k in figures["keys"])
    assert figures["memory"]["peak_rss_bytes"] > 10 * ui.MIB
