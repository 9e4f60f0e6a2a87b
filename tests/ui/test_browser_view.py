"""The app as a browser tab runs it (`planterm serve`): it names no file on the serving machine.

Export, report and "changes since a snapshot" would let whoever has the tab
write, overwrite, list or read files of the machine that serves it. There,
their keys are greyed out and refused with a message, even with --allow-edit;
the plans themselves can still be changed.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from planterm.storage.store import Store
from planterm.ui.app import PlantermApp
from planterm.ui.screens.main import MainScreen
from planterm.ui.screens.meeting import MeetingScreen
from planterm.ui.screens.status_picker import StatusPicker
from tests.ui.conftest import settle

SIZE = (120, 40)
REFUSED = (
    "the browser view reads and writes no files on the machine that serves it "
    "(run planterm there to export, report or compare with a snapshot)."
)


@pytest.fixture
def tab(
    make_app: Callable[..., PlantermApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> PlantermApp:
    """A browser tab's app, its home an empty folder (where an export would go)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return make_app(files=False)


def refusals(app: PlantermApp) -> list[str]:
    found = [str(n.message) for n in app._notifications if "browser view" in str(n.message)]
    app.clear_notifications()
    return found


async def test_export_and_report_are_greyed_out_and_refused(
    tab: PlantermApp, tmp_path: Path
) -> None:
    async with tab.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = tab.screen
        assert isinstance(screen, MainScreen)
        tab.clear_notifications()
        for key, what in [("x", "Export"), ("r", "Report")]:
            assert screen.active_bindings[key].enabled is False, key
            await pilot.press(key)
            await settle(pilot)
            assert tab.screen is screen, f"{key} opened no dialog"
            assert refusals(tab) == [f"{what}: {REFUSED}"], key
        await pilot.press("s")  # changes still work in a tab (with --allow-edit)
        await settle(pilot)
        assert isinstance(tab.screen, StatusPicker)
    assert list((tmp_path / "home").iterdir()) == []


async def test_the_palette_refuses_export(tab: PlantermApp) -> None:
    async with tab.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tab.clear_notifications()
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"export")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(tab.screen, MainScreen), "no dialog opened"
        assert refusals(tab) == [f"Export: {REFUSED}"]


async def test_changes_since_a_snapshot_is_refused(tab: PlantermApp) -> None:
    async with tab.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = tab.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.active_bindings["c"].enabled is False
        tab.clear_notifications()
        await pilot.press("c")
        await settle(pilot)
        assert tab.screen is screen, "no file asked for"
        assert refusals(tab) == [f"Changes since…: {REFUSED}"]


async def test_a_read_only_tab_says_how_changes_are_allowed(
    make_app: Callable[..., PlantermApp], bundled: Store
) -> None:
    app = make_app(read_only=True, files=False, store=Store(bundled.url, read_only=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), "no status picker"
        messages = [str(n.message) for n in app._notifications]
        assert messages == [
            "Status: the plans are open read-only, so nothing can be changed "
            "(this browser view was started without --allow-edit)."
        ]


async def test_in_a_terminal_the_same_keys_ask_for_a_file(
    make_app: Callable[..., PlantermApp], bundled: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert not isinstance(app.screen, MainScreen), "the export dialog"
        assert refusals(app) == []
