"""A planterm command that a test kills at a chosen moment (run by test_killed_midway).

    python -m tests.cli.killed_run PLANTERM-ARGS...

Runs `planterm.cli.main` on a fixed clock, so two runs write the same bytes.
The hooks live here, in the test's process only; planterm itself has none.
`KILLED_RUN_PAUSE` chooses where the run stops and waits to be killed:

- `write:N`  after the Nth statement on a writing connection (BEGIN IMMEDIATE is the first);
- `halfway`  half way through writing any file's contents, the half flushed to disk;
- `replace`  just before a file is renamed into place; `replaced` just after.

When it stops, the run creates the file `KILLED_RUN_READY` names and waits
while that file exists: the test kills it there, or deletes the file to let
it go on and kills it a moment later. `KILLED_RUN_COUNT` names a file where a
whole run writes how many statements it ran on writing connections.
"""

import builtins
import io
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from planterm.cli import main as planterm_main
from planterm.storage.engine import BEGIN_OPTION

CLOCK = datetime(2021, 4, 15, 9, 30, tzinfo=UTC)
PAUSE = os.environ.get("KILLED_RUN_PAUSE", "")
READY = Path(os.environ.get("KILLED_RUN_READY", "killed-run.ready"))
COUNT = os.environ.get("KILLED_RUN_COUNT")

written_statements = 0


def stop_here(where: str) -> None:
    fd = os.open(READY, os.O_WRONLY | os.O_CREAT, 0o600)  # not open(): it may be wrapped
    os.write(fd, where.encode())
    os.close(fd)
    while READY.exists():
        time.sleep(0.001)


def _after_statement(conn: sa.Connection, *_: Any) -> None:
    global written_statements
    if conn.get_execution_options().get(BEGIN_OPTION) != "IMMEDIATE":
        return
    written_statements += 1
    if f"write:{written_statements}" == PAUSE:
        stop_here(PAUSE)


class HalfwayFile:
    """A file being written that stops half way through its first large write."""

    def __init__(self, handle: Any):
        self._handle = handle

    def write(self, data: Any) -> int:
        if len(data) < 2:
            return int(self._handle.write(data))
        half = len(data) // 2
        self._handle.write(data[:half])
        self._handle.flush()
        os.fsync(self._handle.fileno())
        stop_here(PAUSE)
        return int(self._handle.write(data[half:])) + half

    def __enter__(self) -> "HalfwayFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def _halfway(real: Any) -> Any:
    def opened(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real(file, mode, *args, **kwargs)
        return HalfwayFile(handle) if any(c in mode for c in "wax+") else handle

    return opened


def _around_replace(real: Any) -> Any:
    def replace(*args: Any, **kwargs: Any) -> None:
        if PAUSE == "replace":
            stop_here(PAUSE)
        real(*args, **kwargs)
        if PAUSE == "replaced":
            stop_here(PAUSE)

    return replace


def install_hooks() -> None:
    sa.event.listen(sa.engine.Engine, "after_cursor_execute", _after_statement)
    if PAUSE == "halfway":
        os.fdopen = _halfway(os.fdopen)
        builtins.open = io.open = _halfway(io.open)
    if PAUSE in ("replace", "replaced"):
        os.replace = _around_replace(os.replace)


def run(argv: list[str]) -> None:
    install_hooks()
    try:
        planterm_main(argv, clock=lambda: CLOCK)
    finally:
        if COUNT:
            Path(COUNT).write_text(str(written_statements))


if __name__ == "__main__":
    run(sys.argv[1:])
