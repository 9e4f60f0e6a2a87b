"""Pictures of every screen and modal at 80x24 and 120x40, on the bundled plans, 15 April 2021.

Regenerate after a deliberate change of look with
`pytest tests/ui/test_snapshots.py --snapshot-update`, and read the pictures.
"""

from collections.abc import Callable

import pytest

from planterm.ui.app import PlantermApp
from tests.ui.conftest import settle
from tests.ui.test_flows import go_to

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def steps(plan: str, ref: str, *keys: str) -> Callable[..., object]:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await go_to(pilot, plan, ref)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


SCREENS = {
    "main": steps("pcd-2019-20-t2", "5"),
    "status_picker": steps("pcc-da-2020", "3", "s"),
    "status_reason": steps("pcd-2019-20-t2", "3", "s", "2"),
    "update_editor": steps("pcc-da-2020", "2", "u"),
    "action_editor": steps("pcc-da-2020", "1", "e"),
    "new_action": steps("pcc-da-2020", "1", "n"),
    "confirm_delete": steps("pcc-da-2020", "5", "d"),
    "export": steps("pcc-da-2020", "1", "x"),
    "search": steps("pcc-da-2020", "1", "slash"),
    "search_results": steps("pcc-da-2020", "1", "slash", *"stalking", "enter"),
    "filters": steps("pcc-da-2020", "1", "f"),
    "overdue": steps("pcc-da-2020", "1", "o"),
    "meeting": steps("pcd-2019-20-t2", "1", "m"),
    "agency": steps("pcc-da-2020", "1", "a"),
    "help": steps("pcc-da-2020", "1", "question_mark"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(name: str, size: tuple[int, int], make_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app: PlantermApp = make_app()
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[name])
