"""Pictures of every screen and modal at 80x24 and 120x40, on the bundled plans, 15 April 2021.

Regenerate after a deliberate change of look with
`pytest tests/ui/test_snapshots.py --snapshot-update`, and read the pictures.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.editing import action_fields, edit_action
from planterm.services.transfer import export_to_file
from planterm.storage.store import Store
from planterm.ui.app import PlantermApp
from tests.conftest import NOW, TODAY
from tests.ui.conftest import export_home, settle
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


@pytest.mark.parametrize("size", SIZES)
def test_meeting_changes_since_a_snapshot(  # type: ignore[no-untyped-def]
    size: tuple[int, int], make_app, bundled: Store, monkeypatch, tmp_path: Path, snap_compare
) -> None:
    """The meeting view after c: a status, an update, a moved date, a new flag, the shares."""
    home = export_home(monkeypatch, tmp_path)
    plan = "pcd-2019-20-t2"
    export_to_file(bundled, home / f"planterm-{plan}-2021-01-14.toml", plan_keys=[plan], now=NOW)
    set_status(bundled, plan_key=plan, ref="9", status="red", author="kd", now=NOW,
               reason="Funding withdrawn")  # fmt: skip
    nine = show_action(bundled, plan, "9", today=TODAY).row.id
    values, version = action_fields(bundled, nine)
    edit_action(bundled, action_id=nine, values=replace(values, due=date(2021, 3, 31)),
                expected_version=version, now=NOW)  # fmt: skip
    add_update(bundled, plan_key=plan, ref="4", body="Panel met.", day=TODAY, author="NW", now=NOW)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await steps(plan, "1", "m", "c")(pilot)
        pilot.app.screen.query_one(Input).value = f"~/planterm-{plan}-2021-01-14.toml"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
