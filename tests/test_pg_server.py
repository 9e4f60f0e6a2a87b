"""Without PostgreSQL, its runs are skipped saying what to install, never passed silently."""

import os
import subprocess
import sys

from tests.conftest import REPO
from tests.pg_server import OFF


def test_without_postgresql_its_runs_are_skipped_with_the_reason() -> None:
    env = {**os.environ, OFF: "0", "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider",
         "tests/services/test_changes.py::test_a_save_based_on_an_old_read_is_refused_naming_the_other_change"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped" in done.stdout, done.stdout
    assert (
        "SKIPPED" in done.stdout
        and "PostgreSQL not found: apt-get install postgresql" in done.stdout
    )
