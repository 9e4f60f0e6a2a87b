"""`planterm serve` end to end: a real server process, driven by headless Chromium.

The page draws the terminal on a canvas, so what the app shows is read from
the bytes it sends the browser's terminal (escape sequences taken out), and
what it changed from the database file.
"""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is missing (pip install -e '.[test]')"
)

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
"""The network is closed here: without these, Chromium waits on connections it cannot make."""

pytestmark = pytest.mark.sqlite_only  # the test reads the served file with sqlite3

DEADLINE = 30.0
ESCAPES = re.compile(r"\x1b(\[[0-9;?<=>!$ ]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(
    check: Callable[[], Any], what: Callable[[], str] | str, *, pause: Callable[[], None]
) -> Any:
    """Poll `check` until it returns something true, or fail saying `what` never happened."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        pause()
    pytest.fail(f"after {DEADLINE:.0f} s: {what if isinstance(what, str) else what()}")


def sleep() -> None:
    time.sleep(0.05)


def status_of(db: Path, plan: str, ref: str) -> str | None:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        row = conn.execute(
            "SELECT status.key FROM action JOIN plan ON plan.id = action.plan_id"
            " LEFT JOIN status ON status.id = action.status_id"
            " WHERE plan.key = ? AND action.ref = ?",
            (plan, ref),
        ).fetchone()
    assert row is not None, f"{plan} {ref} is not in {db}"
    return row[0]


class Served:
    """`planterm serve` running as its own process (and process group) on a free port."""

    def __init__(self, db: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        argv = [sys.executable, "-m", "planterm", "--db", str(db), "--today", "2021-04-15"]
        self.process = subprocess.Popen(
            [*argv, "serve", "--port", str(self.port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        wait_for(self.listening, f"planterm serve listening on port {self.port}", pause=sleep)

    def listening(self) -> bool:
        if self.process.poll() is not None:
            out, err = self.process.communicate()
            pytest.fail(f"planterm serve exited {self.process.returncode}: {err}{out}")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            return False
        return True

    def stop(self) -> str:
        """Stop as ctrl+c does, and return what the server wrote to stderr."""
        self.process.send_signal(signal.SIGINT)
        try:
            _, err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            _, err = self.process.communicate()
            pytest.fail(f"planterm serve did not stop on ctrl+c: {err}")
        wait_for(self.group_gone, "each tab's planterm process ended with the server", pause=sleep)
        return err

    def group_gone(self) -> bool:
        """Whether no process is left in the server's group (its tabs' app processes)."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return True
        return False


class Terminal:
    """A page at the server, and what the app sent its terminal, as text."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.chunks: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self.received))

    def received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            payload = payload.decode("utf-8", "replace")
        self.chunks.append(payload)

    def text(self) -> str:
        return ESCAPES.sub("", "".join(self.chunks))

    def shows(self, words: str) -> bool:
        return words in self.text()

    def pause(self) -> None:
        """Wait a moment. The page's own wait: Playwright's sync API delivers its events
        (the terminal's bytes) only while one of its calls runs, never in a time.sleep."""
        self.page.wait_for_timeout(50)

    def wait_for(self, words: str, what: str) -> None:
        def missing() -> str:
            return f"{what}: {words!r} not in {self.text()[-3000:]!r}"

        wait_for(lambda: self.shows(words), missing, pause=self.pause)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),  # a fresh user-data-dir
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 800},
        )
        try:
            yield context
        finally:
            context.close()


def open_app(browser: Any, served: Served, tmp_path: Path) -> Terminal:
    """The page at the server, once the app has drawn its first screen."""
    page = browser.new_page()
    terminal = Terminal(page)
    page.goto(served.url)
    page.wait_for_selector("body.-first-byte", timeout=DEADLINE * 1000)
    terminal.wait_for("da-jsna ref 1", "the first plan's first action in full")
    assert terminal.shows("Maintain the Nottinghamshire Domestic")
    shot = tmp_path / "served.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG"), "a screenshot of the page"
    page.focus("textarea.xterm-helper-textarea")  # the terminal's keyboard
    return terminal


def test_with_allow_edit_a_key_in_the_browser_changes_the_database(
    browser: Any, bundled_db: Path, tmp_path: Path
) -> None:
    served = Served(bundled_db, "--allow-edit")
    try:
        terminal = open_app(browser, served, tmp_path)
        assert not terminal.shows("Read-only")
        assert status_of(bundled_db, "da-jsna", "1") is None
        terminal.press("s")
        terminal.wait_for("Not Started but Planned", "the status picker")
        terminal.press("4")  # White (NS): not started, so no reason is asked
        assert (
            wait_for(
                lambda: status_of(bundled_db, "da-jsna", "1"),
                "a saved status",
                pause=terminal.pause,
            )
            == "white"
        )
        terminal.wait_for("da-jsna ref 1: untriaged → white", "the change said")
        terminal.press("x")  # export: a file on the serving machine, so refused in a tab
        terminal.wait_for("Export: the browser view", "the export refused")
    finally:
        err = served.stop()
    assert "Traceback" not in err
    assert "warning" not in err, "127.0.0.1 is this machine alone"


def test_read_only_by_default_the_same_keys_change_nothing(
    browser: Any, bundled_db: Path, tmp_path: Path
) -> None:
    served = Served(bundled_db)
    try:
        terminal = open_app(browser, served, tmp_path)
        terminal.wait_for("Read-only: nothing can be changed.", "the notice")
        terminal.press("s")
        terminal.wait_for("Status: the plans are open", "the key refused")
        terminal.press("4")
        terminal.press("n")  # a new action: refused too
        terminal.wait_for("New: the plans are open", "the next key refused")
        assert not terminal.shows("Not Started but Planned"), "no status picker opened"
    finally:
        err = served.stop()
    assert status_of(bundled_db, "da-jsna", "1") is None
    assert "Traceback" not in err
