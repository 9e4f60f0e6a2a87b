"""bench/RESULTS.md and bench/results.json, written atomically from one result."""

import json
import os
import tempfile
from pathlib import Path
from typing import Any

UI_NOT_MEASURED = (
    "## UI, headless (run_test at 120x40): not measured\n\n"
    "{note}. No figure is shown rather than a made-up one.\n"
)
MIB = 2**20


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f}"


def _figure(timing: dict[str, Any] | None) -> str:
    if timing is None:
        return "-"
    return f"{_ms(timing['median_s'])} ({_ms(timing['min_s'])}–{_ms(timing['max_s'])})"


def markdown(result: dict[str, Any]) -> str:
    """The RESULTS.md text of one run."""
    machine = result["machine"]
    lines = [
        "# planterm benchmark results",
        "",
        f"Run {result['date']} on {machine['cpu_count']} × {machine['cpu_model']}; "
        f"Python {machine['python']}.",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in result["versions"].items()) + ".",
        "",
        f"Database: {result['database']['actions']} actions "
        f"({result['database']['source']}), --today {result['today']}, "
        f"{result['runs']} runs each, search word {result['search_word']!r}.",
        "",
        "## Command line",
        "",
        "Whole-process wall times in ms: median (min–max).",
        "",
        "| command | planterm | floor | floor is | ratio | target | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result["commands"]:
        lines.append(
            f"| `{row['name']}` | {_figure(row['planterm'])} | {_figure(row['floor'])} "
            f"| {row['floor_name']} | {row['ratio']:.2f}x | <= {row['target']}x floor "
            f"| {row['verdict']} |"
        )
    lines += one_plan_lines(result.get("one_plan"))
    lines += ["", "## Taskwarrior side by side", ""]
    task = result["taskwarrior"]
    if task["installed"]:
        lines += [
            f"Taskwarrior {task['version']}, the same items loaded as tasks.",
            "",
            "| planterm | task | planterm (ms) | task (ms) | ratio | target | verdict |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in task["comparisons"]:
            lines.append(
                f"| `{row['planterm_name']}` | `{row['task_name']}` "
                f"| {_figure(row['planterm'])} | {_figure(row['task'])} "
                f"| {row['ratio']:.2f} | < 1.0 | {row['verdict']} |"
            )
    else:
        lines.append("taskwarrior: not installed, skipped")
    lines += ["", *ui_section(result["ui"])]
    return "\n".join(lines)


def ui_section(ui: dict[str, Any]) -> list[str]:
    """The "UI, headless" lines of RESULTS.md."""
    if not ui.get("measured"):
        return [UI_NOT_MEASURED.format(note=ui.get("note", "not measured").capitalize())]
    width, height = ui["size"]
    memory = ui["memory"]
    lines = [
        f"## UI, headless (run_test at {width}x{height})",
        "",
        "Times in ms: median (min–max). Launch is whole-process, from starting it to the "
        "end of the first paint showing the plans and the action table "
        f"({len(ui['launch']['samples_s'])} runs). A keystroke is timed from the key to "
        "the end of the last paint of its answer, and to its first paint "
        f"({ui['presses']} presses each). See bench/README.md.",
        "",
        "| measure | answer | first paint | target | verdict |",
        "|---|---|---|---|---|",
        f"| launch to first screen | {_figure(ui['launch'])} | - "
        f"| <= {_ms(ui['target_s'])} | {ui['verdict']} |",
    ]
    for key in ui["keys"]:
        lines.append(
            f"| {key['name']} | {_figure(key['answer'])} | {_figure(key['first_paint'])} "
            f"| median <= {_ms(key['target_median_s'])}, worst <= {_ms(key['target_max_s'])} "
            f"| {key['verdict']} |"
        )
    lines.append(
        f"| peak memory (RSS) | {memory['peak_rss_bytes'] / MIB:.0f} MiB | - "
        f"| <= {memory['target_bytes'] / MIB:.0f} MiB | {memory['verdict']} |"
    )
    return [*lines, ""]


def one_plan_lines(one_plan: dict[str, Any] | None) -> list[str]:
    """The section on one plan's export and import, each held to a fixed time."""
    if not one_plan:
        return []
    lines = [
        "",
        "## One plan",
        "",
        f"A database of one plan ({one_plan['source']}); whole-process wall times in ms.",
        "",
        "| command | planterm | target | verdict |",
        "|---|---|---|---|",
    ]
    for row in one_plan["figures"]:
        lines.append(
            f"| `{row['name']}` | {_figure(row['planterm'])} "
            f"| <= {row['limit_s'] * 1000:.0f} ms | {row['verdict']} |"
        )
    return lines


def write_results(result: dict[str, Any], folder: Path) -> tuple[Path, Path]:
    """Write RESULTS.md and results.json into `folder`; return their paths."""
    md = folder / "RESULTS.md"
    js = folder / "results.json"
    write_atomic(js, json.dumps(result, indent=2, sort_keys=True) + "\n")
    write_atomic(md, markdown(result))
    return md, js
