"""Taskwarrior side by side: the same actions as tasks, in a throwaway TASKDATA.

Used only when `task` is on PATH; its absence is never a failure.
"""

import json
import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any


def find_task() -> str | None:
    return shutil.which("task")


def as_tasks(
    rows: list[dict[str, Any]], done_keys: set[str], *, shift: timedelta = timedelta(0)
) -> list[dict[str, Any]]:
    """Tasks for floor `list` rows: description, project (the plan), due, done or pending.

    Taskwarrior's "overdue" reads the real clock; `shift` moves every due date
    by the gap between the clock and planterm's --today, so both see the same
    actions overdue.
    """
    tasks = []
    for row in rows:
        task: dict[str, Any] = {
            "description": f"{row['ref']} {row['text']}"[:500],
            "project": row["plan"],
            "status": "completed" if row["status"] in done_keys else "pending",
            "entry": "20200101T000000Z",
        }
        if row["due"]:
            due = date.fromisoformat(str(row["due"])) + shift
            task["due"] = due.strftime("%Y%m%dT000000Z")
        if task["status"] == "completed":
            task["end"] = "20200101T000000Z"
        tasks.append(task)
    return tasks


def environment(folder: Path) -> dict[str, str]:
    """An environment whose TASKRC and TASKDATA live in `folder`, away from the user's."""
    data = folder / "taskdata"
    data.mkdir(parents=True, exist_ok=True)
    rc = folder / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=no\nverbose=nothing\n"
        "recurrence=no\ngc=off\nhooks=off\n",
        encoding="utf-8",
    )
    return {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}


def load(task: str, tasks: list[dict[str, Any]], folder: Path) -> dict[str, str]:
    """Import `tasks` into a fresh TASKDATA under `folder`; the environment to use it."""
    env = environment(folder)
    source = folder / "tasks.json"
    source.write_text(json.dumps(tasks), encoding="utf-8")
    with source.open("rb") as stream:
        subprocess.run([task, "import"], stdin=stream, env=env, capture_output=True, check=True)
    return env


def version(task: str) -> str:
    done = subprocess.run([task, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"
