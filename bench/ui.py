"""The UI headless at 120x40: launch, keystrokes and peak memory, against issue 5's targets.

Each figure comes from a fresh process running bench/ui_child.py (see its
docstring and bench/README.md for exactly what is timed). The processes
work on a copy of the database, since setting a status changes it.
"""

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.ui_keys import MEASURES

from bench import stats

CHILD = Path(__file__).resolve().parent / "ui_child.py"
PREFIX = "RESULT "
SIZE = (120, 40)

LAUNCH_TARGET_S = 0.6
KEY_TARGET_S = (0.016, 0.050)
"""Any keystroke to its repainted screen: median, and worst."""
SEARCH_TARGET_S = (0.100, 0.100)
MEMORY_TARGET_BYTES = 100 * 2**20
MIB = 2**20

SEARCH = "a search (enter)"
OPEN = "open an action with 50 updates"
NO_VERDICT = "-"
"""The verdict of a figure shown with no target of its own."""
STATUS = MEASURES[4]
STATUS_SAVED = "set a status: saved, history shown"
"""The status is on screen in the frame that closes the picker (the figure held to
the keystroke target); the save, the re-read of its history and counts and their
repaint follow. That whole answer is shown beside it, held to no target of its own."""


def copy_database(db: Path, to: Path) -> Path:
    """A consistent copy of `db` (SQLite's backup: WAL contents included)."""
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    target = sqlite3.connect(to)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return to


def busiest_action(db: Path) -> tuple[int, int]:
    """The action with the most live updates, and how many (the generator's action 1: 50)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = connection.execute(
            "SELECT action_id, count(*) FROM progress_update WHERE removed_at IS NULL "
            "GROUP BY action_id ORDER BY count(*) DESC, action_id LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    if found is None:
        raise stats.CommandFailed(f"{db}: no action has an update to open")
    return int(found[0]), int(found[1])


def parse_result(stdout: str) -> dict[str, Any]:
    """The child's one RESULT line, as JSON."""
    for line in stdout.splitlines():
        if line.startswith(PREFIX):
            parsed: dict[str, Any] = json.loads(line[len(PREFIX) :])
            return parsed
    raise stats.CommandFailed("the UI process printed no RESULT line")


def run_child(argv: Sequence[str], env: dict[str, str] | None) -> dict[str, Any]:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise stats.CommandFailed(f"bench/ui_child.py: {lines[-1] if lines else done.returncode}")
    return parse_result(done.stdout)


def child_argv(mode: str, db: Path, today: str, *extra: str) -> list[str]:
    return [sys.executable, str(CHILD), mode, "--db", str(db), "--today", today, *extra]


def key_verdict(timing: stats.Timing, limits: tuple[float, float]) -> str:
    """PASS when the median and the worst are both within their limits."""
    median, worst = limits
    ok = stats.verdict(timing.median, median) == stats.PASS
    return stats.PASS if ok and stats.verdict(timing.max, worst) == stats.PASS else stats.FAIL


def key_figure(
    name: str,
    samples: Sequence[Sequence[float]],
    *,
    answer_at: int = 2,
    limits: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """One keystroke's figure from its (first paint, answer shown, whole answer) samples.

    Its answer is sample `answer_at`: the whole answer (the last paint), but for
    setting a status the paint that showed the new status (see STATUS_SAVED).
    Held to `limits` (by default the search or keystroke target); `None` for a
    figure shown without a verdict.
    """
    first = stats.Timing(tuple(s[0] for s in samples))
    answer = stats.Timing(tuple(s[answer_at] for s in samples))
    return {
        "name": name,
        "answer": answer.as_json(),
        "first_paint": first.as_json(),
        "target_median_s": limits[0] if limits else None,
        "target_max_s": limits[1] if limits else None,
        "verdict": key_verdict(answer, limits) if limits else NO_VERDICT,
    }


def key_figures(name: str, samples: Sequence[Sequence[float]]) -> list[dict[str, Any]]:
    """The figures of one measure: setting a status gives two (shown, and saved)."""
    limits = SEARCH_TARGET_S if name == SEARCH else KEY_TARGET_S
    if name != STATUS:
        return [key_figure(name, samples, limits=limits)]
    return [
        key_figure(name, samples, answer_at=1, limits=limits),
        key_figure(STATUS_SAVED, samples),
    ]


def launch_figure(samples: Sequence[float]) -> dict[str, Any]:
    timing = stats.Timing(tuple(samples))
    return {
        "launch": timing.as_json(),
        "target_s": LAUNCH_TARGET_S,
        "verdict": stats.verdict(timing.median, LAUNCH_TARGET_S),
    }


def memory_figure(peak_bytes: int, *, launch: Sequence[int] = (), keys: int = 0) -> dict[str, Any]:
    """The largest peak; each process's own (the launches', the keystrokes') beside it."""
    return {
        "peak_rss_bytes": peak_bytes,
        "launch_peaks_bytes": list(launch),
        "keys_peak_bytes": keys,
        "target_bytes": MEMORY_TARGET_BYTES,
        "verdict": stats.verdict(peak_bytes, MEMORY_TARGET_BYTES),
    }


def figures(
    launches: Sequence[float],
    keys: dict[str, list[list[float]]],
    peaks: Sequence[int],
    *,
    presses: int,
    updates: int,
) -> dict[str, Any]:
    """The "ui" section of results.json from the children's raw figures.

    `peaks` holds the launch processes' peak RSS, then the keystroke process's.
    """
    named = {
        (name if name != OPEN else f"open an action with {updates} updates"): samples
        for name, samples in keys.items()
    }
    return {
        "measured": True,
        "size": list(SIZE),
        "presses": presses,
        **launch_figure(launches),
        "keys": [fig for name, samples in named.items() for fig in key_figures(name, samples)],
        "memory": memory_figure(max(peaks), launch=peaks[:-1], keys=peaks[-1]),
    }


def measure(
    db: Path,
    today: str,
    word: str,
    *,
    runs: int,
    presses: int,
    work: Path,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Launch `runs` times, then every keystroke `presses` times, on a copy of `db`."""
    copy = copy_database(db, work / "ui.db")
    action, updates = busiest_action(copy)
    launches, peaks = [], []
    for _ in range(runs):
        start = time.clock_gettime(time.CLOCK_MONOTONIC)
        launched = run_child(child_argv("launch", copy, today), env)
        launches.append(launched["painted_monotonic"] - start)
        peaks.append(launched["peak_rss_bytes"])
    extra = ["--word", word, "--presses", str(presses), "--busy-action", str(action)]
    keys = run_child(child_argv("keys", copy, today, *extra), env)
    peaks.append(keys["peak_rss_bytes"])
    result = figures(launches, keys["samples_s"], peaks, presses=presses, updates=updates)
    print_figures(result)
    return result


def print_figures(ui: dict[str, Any]) -> None:
    launch = ui["launch"]["median_s"] * 1000
    print(f"{'UI launch to first screen':<34} {launch:8.0f} ms  <= "
          f"{ui['target_s'] * 1000:.0f} ms  {ui['verdict']}", flush=True)  # fmt: skip
    for key in ui["keys"]:
        answer = key["answer"]
        print(f"UI {key['name']:<31} {answer['median_s'] * 1000:8.1f} ms median, "
              f"{answer['max_s'] * 1000:.1f} worst  {key['verdict']}", flush=True)  # fmt: skip
    memory = ui["memory"]
    print(f"{'UI peak memory':<34} {memory['peak_rss_bytes'] / MIB:8.0f} MiB  <= "
          f"{memory['target_bytes'] / MIB:.0f} MiB  {memory['verdict']}", flush=True)  # fmt: skip


def failures(ui: dict[str, Any]) -> list[str]:
    if not ui.get("measured"):
        return []
    failed = ["UI launch"] if ui["verdict"] != stats.PASS else []
    failed += [
        f"UI {k['name']}" for k in ui["keys"] if k["verdict"] not in (stats.PASS, NO_VERDICT)
    ]
    return failed + (["UI peak memory"] if ui["memory"]["verdict"] != stats.PASS else [])
