"""The UI under measure, headless: one process, started by bench/ui.py.

    python bench/ui_child.py launch --db DB --today D
    python bench/ui_child.py keys --db DB --today D --word W --presses N --busy-action ID

Both go through planterm's own command line (`planterm.cli.main`), so the
process imports, opens the database and builds the app exactly as
`planterm` does; only `App.run` is swapped for `App.run_test(size=(120, 40))`
(Textual's headless driver: everything is laid out and painted, nothing is
written to a terminal).

A *paint* is one `Screen._compositor_refresh`: the compositor rendering the
changed lines into the frame Textual would send to the terminal. The child
wraps it to note the monotonic time each paint ends.

`launch` prints the CLOCK_MONOTONIC time at which the first paint ended that
showed the plan tree and the action table filled; the parent took the same
clock just before starting this process.

`keys` times keystrokes (see `press`): from just before the key is pressed to
the end of its first paint, of the first paint that showed its answer, and of
the last paint of the screen's answer to it. It prints the samples for each
measure and the peak RSS of the process.

Output is one JSON line on stdout, prefixed with RESULT so that nothing else
the app prints can be taken for it.
"""

import argparse
import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import textual.app
import textual.screen

SIZE = (120, 40)
QUIET_S = 0.05
"""A keystroke's answer is over when nothing runs and nothing was painted for this long."""
TIMEOUT_S = 60.0
PREFIX = "RESULT "

PAINTS: list[float] = []
"""When each paint ended (CLOCK_MONOTONIC seconds)."""
FIRST_SCREEN: list[float] = []
"""When the first paint ended that had the first screen to show (launch)."""
WATCHED: list[Callable[[], bool]] = []
"""The state the key being timed leads to."""
SHOWN: list[float] = []
"""When the first paint ended after which that state held."""
_original_refresh = textual.screen.Screen._compositor_refresh


def _now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def _counting_refresh(self: textual.screen.Screen[Any]) -> None:
    _original_refresh(self)
    PAINTS.append(_now())
    # The loop is single-threaded: a state true after the paint was true during it.
    if not FIRST_SCREEN and first_screen(self.app):
        FIRST_SCREEN.append(PAINTS[-1])
    if WATCHED and not SHOWN and WATCHED[0]():
        SHOWN.append(PAINTS[-1])


textual.screen.Screen._compositor_refresh = _counting_refresh  # type: ignore[method-assign]


def peak_rss_bytes() -> int:
    """The process's peak resident set so far.

    On Linux, VmHWM of /proc/self/status: the high-water mark of this
    process's own memory. Not ru_maxrss, which Linux carries over from the
    parent through fork and exec (a bench parent of 260 MiB made every
    child report 260 MiB). Elsewhere ru_maxrss (bytes on macOS).
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024  # kB
    raise RuntimeError("/proc/self/status has no VmHWM line")


def emit(payload: dict[str, Any]) -> None:
    print(PREFIX + json.dumps(payload), flush=True)


WAITING_GROUPS = {"change", "save"}
"""Workers of these groups wait on a modal (the status picker) while it is open."""


def busy(app: Any) -> bool:
    """A worker running (not one waiting on a modal), or a service call in flight."""
    running = [w for w in app.workers if w.is_running and w.group not in WAITING_GROUPS]
    return bool(running) or app.backend.in_flight > 0


async def wait_until(pilot: Any, condition: Callable[[], bool]) -> None:
    deadline = _now() + TIMEOUT_S
    while not condition():
        if _now() > deadline:
            raise TimeoutError("the UI did not reach the state a measure waits for")
        await asyncio.sleep(0.001)
    await pilot.pause(0)


async def quiet(pilot: Any, since: float) -> None:
    """Wait until no work runs and no paint has ended for QUIET_S."""
    app = pilot.app
    deadline = _now() + TIMEOUT_S
    while True:
        await asyncio.sleep(0.002)
        last = max(PAINTS[-1] if PAINTS else since, since)
        if not busy(app) and _now() - last >= QUIET_S:
            return
        if _now() > deadline:
            raise TimeoutError("the UI did not settle")


async def press(pilot: Any, key: str, done: Callable[[], bool]) -> tuple[float, float, float]:
    """Seconds from pressing `key` to the end of its first paint, of the first paint
    that showed its answer, and of its last.

    The first paint is the quickest sign that the key was taken (the cursor
    moved). `done` says the answer is there (the state the key leads to):
    the first paint after which it held showed it. Then the app must go
    quiet, and the last paint before that ends the whole answer.
    """
    await quiet(pilot, _now())
    PAINTS.clear()
    SHOWN.clear()
    WATCHED[:] = [done]
    start = _now()
    try:
        await pilot.press(key)
        await wait_until(pilot, done)
        await quiet(pilot, start)
    finally:
        WATCHED.clear()
    if not PAINTS:
        raise RuntimeError(f"pressing {key!r} painted nothing")
    shown = SHOWN[0] if SHOWN else PAINTS[-1]
    return PAINTS[0] - start, shown - start, PAINTS[-1] - start


def first_screen(app: Any) -> bool:
    """The plan tree is filled, and the action table too (unless the first load left it empty)."""
    from planterm.ui.widgets.action_table import ActionTable
    from planterm.ui.widgets.plan_tree import PlanTree

    main = app.main
    if main is None or not main.is_mounted:
        return False
    try:
        tree = main.query_one(PlanTree)
        table = main.query_one(ActionTable)
    except Exception:
        return False
    loading = any(w.is_running and w.group == "load" for w in app.workers)
    return bool(tree.root.children) and (table.row_count > 0 or not loading)


async def launch(app: Any) -> dict[str, Any]:
    """When the first paint showing the first screen ended."""
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(FIRST_SCREEN))
        # Untimed: let the first load finish, so that closing the app does not
        # pull the widgets from under a worker still filling them.
        await quiet(pilot, _now())
        return {"painted_monotonic": FIRST_SCREEN[0], "peak_rss_bytes": peak_rss_bytes()}


def _swap_run(measure: Callable[[Any], Any]) -> None:
    """Make `App.run` run `measure(app)` headless and print its result."""

    def run(self: Any, *args: Any, **kwargs: Any) -> None:
        emit(asyncio.run(measure(self)))

    textual.app.App.run = run  # type: ignore[method-assign,assignment]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["launch", "keys"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--today", required=True)
    parser.add_argument("--word", default="")
    parser.add_argument("--presses", type=int, default=10)
    parser.add_argument("--busy-action", type=int, default=1)
    args = parser.parse_args(argv)
    if args.mode == "launch":
        _swap_run(launch)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from bench.ui_keys import measure_keys

        async def keys(app: Any) -> dict[str, Any]:
            app.poll = False  # no background change-check between keystrokes
            async with app.run_test(size=SIZE) as pilot:
                await wait_until(pilot, lambda: first_screen(app))
                samples = await measure_keys(
                    pilot, word=args.word, busy_action=args.busy_action,
                    presses=args.presses, press=press, quiet=quiet,
                )  # fmt: skip
            return {"samples_s": samples, "peak_rss_bytes": peak_rss_bytes()}

        _swap_run(keys)
    from planterm.cli import main as planterm

    planterm(["--db", args.db, "--today", args.today])


if __name__ == "__main__":
    main()
