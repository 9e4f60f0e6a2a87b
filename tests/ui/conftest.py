"""An app on a file database holding the bundled plans, at a fixed date and clock."""

import asyncio
import gc
import html
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planterm.storage.store import Store
from planterm.ui.app import PlantermApp
from planterm.ui.backend import Backend
from tests.conftest import TODAY

FIXED_NOW = datetime(2021, 4, 15, 9, 30, tzinfo=UTC)


@pytest.fixture
def make_app(bundled: Store) -> Callable[..., PlantermApp]:
    def make(
        *, read_only: bool = False, store: Store | None = None, files: bool = True
    ) -> PlantermApp:
        backend = Backend(
            store or bundled,
            TODAY,
            "tester",
            read_only=read_only,
            files=files,
            clock=lambda: FIXED_NOW,
        )
        return PlantermApp(backend, poll=False)

    return make


@pytest.fixture
def app(make_app: Callable[..., PlantermApp]) -> PlantermApp:
    return make_app()


@pytest.fixture(autouse=True)
def _collect_as_usual() -> Iterator[None]:
    """The app sets the objects alive once its store is open aside from the cycle
    collector (`PlantermApp.settle_memory`); each test starts and ends without that."""
    gc.unfreeze()
    yield
    gc.unfreeze()


WAITING_GROUPS = {"change", "save"}  # these may wait on a modal the test has yet to answer


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let loading finish and the screen repaint (not workers waiting on a modal).

    A worker of a waiting group may be reading the database before it opens
    its modal, so the backend's calls in flight are waited for as well.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    quiet = 0
    while quiet < 3:
        await pilot.pause()
        busy = [w for w in pilot.app.workers if w.is_running and w.group not in WAITING_GROUPS]
        if busy:
            await asyncio.wait_for(
                asyncio.gather(*(w.wait() for w in busy), return_exceptions=True), timeout=10
            )
        if busy or pilot.app.backend.in_flight:
            quiet = 0
            if loop.time() > deadline:
                raise TimeoutError("the app did not settle within 10 s")
            await asyncio.sleep(0.005)
        else:
            quiet += 1
    _stop_blinking(pilot.app)
    await pilot.pause()


def _stop_blinking(app: PlantermApp) -> None:
    """A blinking cursor would make a picture depend on the moment it is taken."""
    for screen in app.screen_stack:
        for field in screen.query("Input, TextArea"):
            field.cursor_blink = False  # type: ignore[attr-defined]


def export_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


_SVG_TEXT = re.compile(r'<text[^>]*\bx="([\d.]+)"[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_text(app: PlantermApp) -> str:
    """What the screen shows, as lines of plain text (read from the SVG screenshot)."""
    lines: dict[float, list[tuple[float, str]]] = {}
    for x, y, content in _SVG_TEXT.findall(app.export_screenshot()):
        text = html.unescape(re.sub(r"<[^>]+>", "", content)).replace("\xa0", " ")
        lines.setdefault(float(y), []).append((float(x), text))
    return "\n".join("".join(t for _, t in sorted(parts)) for _, parts in sorted(lines.items()))
