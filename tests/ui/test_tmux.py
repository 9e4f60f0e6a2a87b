"""planterm in a real terminal (tmux): search, set a status, add an update, export, quit.

Skipped with the reason when tmux is missing (`.ci/run` installs it).
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


class Terminal:
    def __init__(self, socket: Path, session: str) -> None:
        self.base = [TMUX or "tmux", "-S", str(socket)]
        self.session = session

    def run(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True, check=False)
        return done.stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path, Path]]:
    db = tmp_path / "plans.db"
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "PLANTERM_DB": str(db)}
    subprocess.run(
        [sys.executable, "-m", "planterm", "import", *map(str, sorted(DATA.glob("*.toml")))],
        check=True, env=env, capture_output=True, cwd=REPO,
    )  # fmt: skip
    term = Terminal(tmp_path / "tmux.sock", "planterm")
    command = (
        # no COLUMNS or LINES: the terminal itself says how big it is
        f"cd {shlex.quote(str(REPO))} && unset COLUMNS LINES; HOME={shlex.quote(str(home))} "
        f"PLANTERM_DB={shlex.quote(str(db))} PLANTERM_TODAY=2021-04-15 "
        f"PLANTERM_AUTHOR=e2e TERM=xterm-256color {shlex.quote(sys.executable)} -m planterm; "
        "echo planterm-exited-$?; sleep 30"
    )
    term.run("new-session", "-d", "-s", term.session, "-x", "120", "-y", "40", command)
    try:
        yield term, db, home
    finally:
        term.run("kill-server")


def test_a_coordinator_session_in_a_real_terminal(terminal: tuple[Terminal, Path, Path]) -> None:
    term, db, home = terminal
    term.wait_for("da-jsna")
    term.keys("/")
    term.wait_for("Search every plan")
    term.type("Claire's law")
    term.keys("Enter")
    term.wait_for("search “Claire's law”")
    term.wait_for("pcc-da-2020 ref 10")
    term.keys("s")
    term.wait_for("Status of pcc-da-2020 ref 10")
    term.keys("2")  # on track: no reason asked
    term.wait_for("untriaged → on-track")
    term.keys("u")
    term.wait_for("New update: pcc-da-2020 ref 10")
    term.type("Referrals doubled since January.")
    term.keys("C-s")
    term.wait_for("Update added to pcc-da-2020 ref 10")
    term.keys("x")
    term.wait_for("Export a TOML snapshot")
    term.keys("Enter")
    term.wait_for("Exported")
    exported = home / "planterm-pcc-da-2020-2021-04-15.toml"
    assert exported.exists()
    term.keys("q")
    term.wait_for("planterm-exited-0")

    env = {**os.environ, "PLANTERM_DB": str(db), "PLANTERM_TODAY": "2021-04-15"}
    shown = subprocess.run(
        [sys.executable, "-m", "planterm", "show", "pcc-da-2020", "10", "--json"],
        check=True, env=env, capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    action = json.loads(shown.stdout)
    assert action["status"] == "on-track"
    assert action["history"][0]["by"] == "e2e"
    assert action["updates"][0]["body"] == "Referrals doubled since January."
    assert action["updates"][0]["period"] == "Q1 2021-22"
    data = tomllib.loads(exported.read_text())
    (ten,) = [a for a in data["actions"] if a["ref"] == "10"]
    assert ten["status"] == "on-track"
    assert ten["updates"][-1]["body"] == "Referrals doubled since January."
