"""An app on a file database holding the bundled plans, at a fixed date and clock."""

from collections.abc import Callable
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
    def make(*, read_only: bool = False, store: Store | None = None) -> PlantermApp:
        backend = Backend(
            store or bundled,
            TODAY,
            "tester",
            read_only=read_only,
            clock=lambda: FIXED_NOW,
        )
        return PlantermApp(backend, poll=False)

    return make


@pytest.fixture
def app(make_app: Callable[..., PlantermApp]) -> PlantermApp:
    return make_app()


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def export_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home
