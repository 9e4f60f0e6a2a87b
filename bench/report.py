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
    lines += growth_section(result)
    return "\n".join(lines)


def growth_section(result: dict[str, Any]) -> list[str]:
    """The same measures at each size, and whether the app's keystrokes stayed flat."""
    grown = result.get("growth")
    if not grown:
        return []
    main = {"actions": result["database"]["actions"], "commands": result["commands"],
            "ui": result["ui"]}  # fmt: skip
    sizes = sorted([*grown["sizes"], main], key=lambda size: size["actions"])
    heads = " | ".join(f"{size['actions']:,} actions" for size in sizes)
    rule = "|---" * (len(sizes) + 1) + "|"
    lines = [
        "## Growth",
        "",
        "The read commands and the app again on databases of other sizes, made the same "
        "way (bench/generate.py, same seed), the search word kept. Command lines: "
        "planterm's median in ms and its ratio to the raw-sqlite3 floor of the same run; "
        "issue 5's targets are held at 10k, above.",
        "",
        f"| command | {heads} |",
        rule,
    ]
    shared = min(len(size["commands"]) for size in sizes)  # the read commands, first
    for index, row in enumerate(main["commands"][:shared]):
        cells = []
        for size in sizes:
            figure = size["commands"][index]
            cells.append(f"{_ms(figure['planterm']['median_s'])} ({figure['ratio']:.2f}x)")
        lines.append(f"| `{row['name']}` | " + " | ".join(cells) + " |")
    flat = grown["flat"]
    if not flat:
        return [*lines, ""]
    lines += [
        "",
        "The app, headless: each keystroke's median answer in ms. Flat: the median at the "
        "largest size is at most 1.5x the smallest's, or 5 ms more. A search answers a "
        "query whose matches grow with the database, and is shown without that verdict "
        "(bench/growth.py).",
        "",
        f"| measure | {heads} | allowed | flat |",
        rule + "---|---|",
    ]
    launch = [_ms(size["ui"]["launch"]["median_s"]) if size["ui"].get("measured") else "-"
              for size in sizes]  # fmt: skip
    lines.append("| launch to first screen | " + " | ".join(launch) + " | - | - |")
    for row in flat:
        medians = " | ".join(f"{m * 1000:.1f}" for m in row["median_s"])
        allowed = "-" if row["allowed_s"] is None else f"{row['allowed_s'] * 1000:.1f}"
        lines.append(f"| {row['name']} | {medians} | {allowed} | {row['verdict']} |")
    memory = [
        f"{size['ui']['memory']['peak_rss_bytes'] / MIB:.0f} MiB" if size["ui"].get("measured")
        else "-"
        for size in sizes
    ]  # fmt: skip
    lines.append("| peak memory (RSS) | " + " | ".join(memory) + " | - | - |")
    return [*lines, ""]


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
        "the end of the last paint of its answer (setting a status: of the paint that "
        "showed it; its save is the row below), and to its first paint "
        f"({ui['presses']} presses each). See bench/README.md.",
        "",
        "| measure | answer | first paint | target | verdict |",
        "|---|---|---|---|---|",
        f"| launch to first screen | {_figure(ui['launch'])} | - "
        f"| <= {_ms(ui['target_s'])} | {ui['verdict']} |",
    ]
    for key in ui["keys"]:
        target = (
            f"median <= {_ms(key['target_median_s'])}, worst <= {_ms(key['target_max_s'])}"
            if key["target_median_s"] is not None
            else "-"
        )
        lines.append(
            f"| {key['name']} | {_figure(key['answer'])} | {_figure(key['first_paint'])} "
            f"| {target} | {key['verdict']} |"
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
