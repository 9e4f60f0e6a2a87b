"""Measure planterm's command line against its floors; write RESULTS.md and results.json.

    python bench/run.py [--actions 10000] [--runs 5] [--db PATH] [--check]

The database comes from bench/generate.py (cached in bench/.data/), or is the
one given with --db. See bench/README.md for how to read the figures.
"""

import argparse
import hashlib
import os
import pickle
import platform
import re
import shutil
import sqlite3
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(BENCH.parent))

from bench import floor, growth, report, stats, taskwarrior, ui  # noqa: E402

GENERATOR = BENCH / "generate.py"
DEFAULT_TODAY = "2026-11-23"
PACKAGES = ("planterm", "sqlalchemy", "sqlmodel", "pydantic", "textual", "tomli-w", "click")

DUMPS_FLOOR = (
    "import pickle, sys, tomli_w\n"
    "with open(sys.argv[1], 'rb') as f: data = pickle.load(f)\n"
    "with open(sys.argv[2], 'w', encoding='utf-8') as f: f.write(tomli_w.dumps(data))\n"
)
LOADS_FLOOR = (
    "import sys, tomllib\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    tomllib.loads(f.read())\n"
)


ONE_PLAN_ACTIONS = 100
"""The small case of issue 5: one plan of this many actions, exported and imported whole."""


class BenchError(Exception):
    """Something the harness cannot go on without; one line for the user."""


@dataclass(frozen=True)
class Measure:
    """One planterm command beside its floor, and the ratio it must stay under."""

    name: str
    argv: list[str]
    floor_name: str
    floor_argv: list[str]
    target: float
    prepare: Callable[[], None] | None = None


@dataclass(frozen=True)
class Limit:
    """One planterm command on the one-plan database, and the wall time it must stay under."""

    name: str
    argv: list[str]
    limit_s: float
    prepare: Callable[[], None] | None = None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--actions", type=int, default=10_000, help="size of generated database")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--today", default=DEFAULT_TODAY, help="the date the rules use")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (median)")
    parser.add_argument("--db", type=Path, help="use this database instead of generating one")
    parser.add_argument("--word", help="search word [default: a common word of the actions]")
    parser.add_argument("--out", type=Path, default=BENCH, help="folder for RESULTS.md, json")
    parser.add_argument("--data", type=Path, default=BENCH / ".data", help="generated databases")
    parser.add_argument("--check", action="store_true", help="exit 1 when any figure FAILs")
    parser.add_argument("--presses", type=int, default=10, help="presses of each UI keystroke")
    parser.add_argument("--no-ui", action="store_true", help="leave out the headless UI figures")
    parser.add_argument(
        "--growth",
        default="1000,100000",
        help="other sizes to measure the read commands and the UI at, comma-separated "
        "[default: 1000,100000]; '' for none",
    )
    args = parser.parse_args(argv)
    try:
        args.growth = [int(size) for size in args.growth.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--growth: sizes are whole numbers of actions, not {args.growth!r}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.presses < 1:
        parser.error("--presses must be at least 1")
    return args


def planterm_executable() -> str:
    beside = Path(sys.executable).parent / "planterm"
    found = str(beside) if beside.exists() else shutil.which("planterm")
    if found is None:
        raise BenchError("planterm is not installed: run `make test` or pip install -e .")
    return found


def database(args: argparse.Namespace) -> tuple[Path, str]:
    """The database to measure, and where it came from; generated (and cached) when not given."""
    if args.db is not None:
        if not args.db.exists():
            raise BenchError(f"{args.db}: no such database")
        return args.db, f"given: {args.db}"
    return generated(args, actions=args.actions)


def generated(
    args: argparse.Namespace, *, actions: int, plans: int | None = None
) -> tuple[Path, str]:
    """A database from bench/generate.py, cached in --data under a name holding its arguments
    and a hash of the generator; and where it came from."""
    if not GENERATOR.exists():
        raise BenchError(
            f"{GENERATOR.relative_to(BENCH.parent)} is missing: cannot make a database"
        )
    code = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:10]
    schema = (BENCH.parent / "src/planterm/storage/revision.py").read_text(encoding="utf-8")
    revision = "-s" + hashlib.sha256(schema.encode()).hexdigest()[:6]  # a new schema, a new file
    split = f"-plans-{plans}" if plans is not None else ""
    name = f"actions-{actions}{split}-seed-{args.seed}-{args.today}-{code}{revision}.db"
    path = args.data / name
    source = f"bench/generate.py --actions {actions}" + (f" --plans {plans}" if plans else "")
    source += f" --seed {args.seed}"
    if not path.exists():
        args.data.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        sizes = ["--actions", str(actions), "--seed", str(args.seed)]
        sizes += ["--plans", str(plans)] if plans is not None else []
        command = [sys.executable, str(GENERATOR), *sizes, "--db", str(partial)]
        command += ["--today", args.today]
        print(f"generating {path.name} ...", flush=True)
        stats.time_command(command, runs=1)
        partial.replace(path)
    return path, source


def pick_word(db: Path) -> str:
    """A search word found in many actions: the commonest long word of their texts."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        texts = [row[0] for row in connection.execute("SELECT text FROM action ORDER BY id")]
    finally:
        connection.close()
    words: Counter[str] = Counter(
        w.casefold() for t in texts for w in re.findall(r"[^\W\d_]{6,}", str(t))
    )
    if not words:
        raise BenchError(f"{db}: no action text to search; give --word")
    return min(words, key=lambda w: (-words[w], w))


def scalar(db: Path, sql: str) -> Any:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


def planterm_env() -> dict[str, str]:
    """The environment for planterm runs: no PLANTERM_* setting of the user's leaks in."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PLANTERM_")}


def removing(*paths: Path) -> Callable[[], None]:
    def remove() -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    return remove


def measures(db: Path, today: str, word: str, work: Path) -> list[Measure]:
    """The commands of issue 5 and their floors, ready to time."""
    planterm = [planterm_executable(), "--db", str(db), "--today", today]
    bare = [sys.executable, "-I", str(BENCH / "floor.py")]
    exported = work / "export.toml"
    target = work / "import.db"

    def floor_of(kind: str) -> list[str]:
        return [*bare, kind, str(db), today, word]

    return [
        Measure("list --overdue --json", [*planterm, "list", "--overdue", "--json"],
                "raw sqlite3 overdue query", floor_of("overdue"), 3.0),
        Measure("list --json", [*planterm, "list", "--json"],
                "raw sqlite3 list query", floor_of("list"), 3.0),
        Measure("summary --json", [*planterm, "summary", "--json"],
                "raw sqlite3 summary counts", floor_of("summary"), 3.0),
        Measure(f"list --search {word} --json", [*planterm, "list", "--search", word, "--json"],
                "raw sqlite3 FTS search", floor_of("search"), 3.0),
        Measure("export", [*planterm, "export", "-o", str(exported)],
                "tomli_w.dumps", [sys.executable, "-I", "-c", DUMPS_FLOOR,
                                  str(work / "export.pickle"), str(work / "dumped.toml")], 1.2),
        Measure("import", [planterm[0], "--db", str(target), "--today", today, "import",
                           str(exported)],
                "tomllib.loads", [sys.executable, "-I", "-c", LOADS_FLOOR, str(exported)], 1.5,
                prepare=removing(target, Path(f"{target}-wal"), Path(f"{target}-shm"))),
    ]  # fmt: skip


def one_plan_limits(db: Path, today: str, work: Path) -> list[Limit]:
    """Export and import of one plan of ONE_PLAN_ACTIONS actions, each under a fixed time."""
    planterm = planterm_executable()
    exported = work / "one-plan.toml"
    target = work / "one-plan-import.db"
    return [
        Limit(f"export (one plan, {ONE_PLAN_ACTIONS} actions)",
              [planterm, "--db", str(db), "--today", today, "export", "-o", str(exported)], 0.3),
        Limit(f"import (one plan, {ONE_PLAN_ACTIONS} actions)",
              [planterm, "--db", str(target), "--today", today, "import", str(exported)], 1.0,
              prepare=removing(target, Path(f"{target}-wal"), Path(f"{target}-shm"))),
    ]  # fmt: skip


def limit_figures(db: Path, today: str, runs: int, work: Path) -> list[dict[str, Any]]:
    env = planterm_env()
    figures = []
    for limit in one_plan_limits(db, today, work):
        timing = stats.time_command(limit.argv, runs=runs, env=env, prepare=limit.prepare)
        figure = {
            "name": limit.name,
            "planterm": timing.as_json(),
            "limit_s": limit.limit_s,
            "verdict": stats.verdict(timing.median, limit.limit_s),
        }
        print(
            f"{limit.name:<34} {timing.median * 1000:8.0f} ms  "
            f"<= {limit.limit_s * 1000:.0f} ms  {figure['verdict']}",
            flush=True,
        )
        figures.append(figure)
    return figures


def snapshot_pickle(exported: Path, work: Path) -> None:
    """The export's data as a pickle, so the dumps floor starts with it in memory."""
    data = tomllib.loads(exported.read_text(encoding="utf-8"))
    with (work / "export.pickle").open("wb") as stream:
        pickle.dump(data, stream)


READS = 4
"""The first READS measures only read: the ones measured again at each growth size."""


def command_figures(
    db: Path, today: str, word: str, runs: int, work: Path, *, reads_only: bool = False
) -> list[dict[str, Any]]:
    env = planterm_env()
    figures = []
    chosen = measures(db, today, word, work)
    for measure in chosen[:READS] if reads_only else chosen:
        timing = stats.time_command(measure.argv, runs=runs, env=env, prepare=measure.prepare)
        if measure.name == "export":
            snapshot_pickle(work / "export.toml", work)
        floor_timing = stats.time_command(measure.floor_argv, runs=runs)
        ratio = stats.ratio(timing.median, floor_timing.median)
        figure = {
            "name": measure.name,
            "planterm": timing.as_json(),
            "floor_name": measure.floor_name,
            "floor": floor_timing.as_json(),
            "ratio": round(ratio, 3),
            "target": measure.target,
            "verdict": stats.verdict(ratio, measure.target),
        }
        print(
            f"{measure.name:<34} {timing.median * 1000:8.0f} ms  floor "
            f"{floor_timing.median * 1000:7.0f} ms  {ratio:6.2f}x  "
            f"<= {measure.target}x  {figure['verdict']}",
            flush=True,
        )
        figures.append(figure)
    return figures


def taskwarrior_figures(db: Path, today: str, runs: int, work: Path) -> dict[str, Any]:
    task = taskwarrior.find_task()
    if task is None:
        print("taskwarrior: not installed, skipped", flush=True)
        return {"installed": False, "comparisons": []}
    rows = floor.query("list", str(db), today)
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        done = {r[0] for r in connection.execute("SELECT key FROM status WHERE category = 'done'")}
    finally:
        connection.close()
    shift = date.today() - date.fromisoformat(today)
    tasks = taskwarrior.as_tasks(rows, done, shift=shift)
    env = taskwarrior.load(task, tasks, work / "task")
    planterm = [planterm_executable(), "--db", str(db), "--today", today]
    pairs = [("list --overdue", "overdue"), ("list", "list")]
    comparisons = []
    for ours, theirs in pairs:
        mine = stats.time_command([*planterm, *ours.split()], runs=runs, env=planterm_env())
        their = stats.time_command([task, theirs], runs=runs, env=env)
        ratio = stats.ratio(mine.median, their.median)
        comparisons.append({
            "planterm_name": ours, "task_name": f"task {theirs}",
            "planterm": mine.as_json(), "task": their.as_json(),
            "ratio": round(ratio, 3), "verdict": stats.verdict(ratio, 1.0, strict=True),
        })  # fmt: skip
        print(f"{ours:<20} vs task {theirs:<8} ratio {ratio:.2f}  < 1.0  "
              f"{comparisons[-1]['verdict']}", flush=True)  # fmt: skip
    return {"installed": True, "version": taskwarrior.version(task), "comparisons": comparisons}


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found[1].strip() if found else platform.processor() or "unknown"


def versions() -> dict[str, str]:
    found = {"sqlite": sqlite3.sqlite_version}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def run(args: argparse.Namespace) -> dict[str, Any]:
    db, source = database(args)
    one_plan, one_plan_source = generated(args, actions=ONE_PLAN_ACTIONS, plans=1)
    word = args.word or pick_word(db)
    with tempfile.TemporaryDirectory(prefix="planterm-bench-") as folder:
        work = Path(folder)
        commands = command_figures(db, args.today, word, args.runs, work)
        one_plan_figures = limit_figures(one_plan, args.today, args.runs, work)
        task = taskwarrior_figures(db, args.today, args.runs, work)
        if args.no_ui:
            shown: dict[str, Any] = {"measured": False, "note": "left out (--no-ui)"}
        else:
            shown = ui.measure(db, args.today, word, runs=args.runs, presses=args.presses,
                               work=work, env=planterm_env())  # fmt: skip
        grown = growth_figures(args, word, work)
    actions = scalar(db, "SELECT count(*) FROM action")
    sizes = [*grown, {"actions": actions, "ui": shown}]
    flat = growth.flatness(sizes)
    for row in flat:
        medians = " -> ".join(f"{m * 1000:.1f}" for m in row["median_s"])
        print(f"flat: {row['name']:<30} {medians} ms  {row['verdict']}", flush=True)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpu_count": os.cpu_count(),
            "cpu_model": cpu_model(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "versions": versions(),
        "database": {
            "source": source,
            "actions": actions,
            "updates": scalar(db, "SELECT count(*) FROM progress_update"),
            "bytes": db.stat().st_size,
        },
        "today": args.today,
        "runs": args.runs,
        "search_word": word,
        "commands": commands,
        "one_plan": {"source": one_plan_source, "figures": one_plan_figures},
        "taskwarrior": task,
        "ui": shown,
        "growth": {"sizes": grown, "flat": flat} if grown else None,
    }


def growth_figures(args: argparse.Namespace, word: str, work: Path) -> list[dict[str, Any]]:
    """The read commands and the UI again at each --growth size (the search word kept)."""
    sizes = []
    for actions in args.growth:
        db, source = generated(args, actions=actions)
        print(f"-- growth: {actions} actions (verdicts against the 10k targets, for reference: "
              "at this size only flatness is judged)", flush=True)  # fmt: skip
        folder = work / f"growth-{actions}"
        folder.mkdir()
        commands = command_figures(db, args.today, word, args.runs, folder, reads_only=True)
        if args.no_ui:
            shown: dict[str, Any] = {"measured": False, "note": "left out (--no-ui)"}
        else:
            shown = ui.measure(db, args.today, word, runs=args.runs, presses=args.presses,
                               work=folder, env=planterm_env())  # fmt: skip
        sizes.append({
            "actions": scalar(db, "SELECT count(*) FROM action"),
            "updates": scalar(db, "SELECT count(*) FROM progress_update"),
            "source": source,
            "commands": commands,
            "ui": shown,
        })  # fmt: skip
    return sizes


def failures(result: dict[str, Any]) -> list[str]:
    one_plan = result.get("one_plan", {}).get("figures", [])
    rows = [*result["commands"], *one_plan, *result["taskwarrior"]["comparisons"]]
    failed = [r.get("name") or r["planterm_name"] for r in rows if r["verdict"] != stats.PASS]
    return failed + ui.failures(result["ui"]) + growth.failures(result.get("growth"))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = run(args)
    except (BenchError, stats.CommandFailed) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    md, js = report.write_results(result, args.out)
    failed = failures(result)
    print(f"wrote {md} and {js}; {len(failed)} FAIL" + (f": {', '.join(failed)}" if failed else ""))
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
