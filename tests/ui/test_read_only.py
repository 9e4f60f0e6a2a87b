"""The app under --read-only: change keys greyed out, and each change refused with a message."""

from collections.abc import Callable
from pathlib import Path

import pytest

from planterm.services.transfer import export_text
from planterm.storage.store import Store
from planterm.ui.app import PlantermApp
from planterm.ui.screens.main import MainScreen
from tests.conftest import NOW
from tests.ui.conftest import settle

SIZE = (120, 40)


@pytest.fixture
def read_only_app(
    make_app: Callable[..., PlantermApp], bundled: Store, db_path: Path
) -> PlantermApp:
    """The app as `planterm --read-only` makes it: its store opened read-only too."""
    return make_app(read_only=True, store=Store(bundled.url, read_only=True))


def refusals(app: PlantermApp) -> list[str]:
    found = [str(n.message) for n in app._notifications if "open read-only" in str(n.message)]
    app.clear_notifications()
    return found


async def test_each_change_key_is_greyed_out_and_refused_with_a_message(
    read_only_app: PlantermApp, bundled: Store
) -> None:
    app = read_only_app
    before = export_text(bundled, now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current is not None
        app.clear_notifications()
        for key, what in [("s", "Status"), ("u", "Update"), ("e", "Edit"), ("n", "New"),
                          ("d", "Delete"), ("ctrl+z", "Undo")]:  # fmt: skip
            assert screen.active_bindings[key].enabled is False, key
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen, f"{key} opened nothing"
            assert refusals(app) == [
                f"{what}: the plans are open read-only, so nothing can be changed "
                "(open planterm without --read-only to change them)."
            ], key
        await pilot.press("j")  # reading keys still work, and say nothing
        await settle(pilot)
        assert refusals(app) == []
    assert export_text(bundled, now=NOW) == before


@pytest.mark.parametrize("command", ["New plan", "New theme"])
async def test_the_palette_refuses_its_changes_with_a_message(
    read_only_app: PlantermApp, bundled: Store, command: str
) -> None:
    app = read_only_app
    before = export_text(bundled, now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*command.lower())
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), "no dialog opened"
        assert refusals(app) == [
            f"{command}: the plans are open read-only, so nothing can be changed "
            "(open planterm without --read-only to change them)."
        ]
    assert export_text(bundled, now=NOW) == before
