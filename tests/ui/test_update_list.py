"""The detail pane's updates: moving the highlight by keys and clicks, wrapping to the pane."""

from planterm.services.changes import add_update
from planterm.storage.store import Store
from planterm.ui.app import PlantermApp
from planterm.ui.widgets.action_detail import UpdateList
from tests.conftest import NOW, TODAY
from tests.ui.conftest import screen_text, settle
from tests.ui.test_flows import SIZE, go_to, main


def add_updates(store: Store, count: int) -> None:
    for n in range(count):
        add_update(store, plan_key="pcc-da-2020", ref="3", body=f"note{n} " + "word " * 80,
                   day=TODAY, author="x", now=NOW)  # fmt: skip


async def test_keys_move_the_highlight_and_keep_it_in_view(
    app: PlantermApp, bundled: Store
) -> None:
    add_updates(bundled, 6)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        await pilot.press("enter")
        await settle(pilot)
        updates = main(app).query_one(UpdateList)
        assert app.focused is updates and updates.chosen_update == updates.updates[0]
        await pilot.press("down", "down")
        await settle(pilot)
        assert updates.chosen_update == updates.updates[2]
        await pilot.press("end")
        await settle(pilot)
        assert updates.chosen_update == updates.updates[-1]
        assert updates.scroll_y > 0, "the last update was scrolled into view"
        assert updates.chosen_update.body.split()[0] in screen_text(app)
        await pilot.press("home")
        await settle(pilot)
        assert updates.chosen_update == updates.updates[0]
        at_top = updates.scroll_y
        await pilot.press("up")  # at the first update: the pane scrolls up to the action
        await settle(pilot)
        assert updates.chosen_update == updates.updates[0] and updates.scroll_y <= at_top


async def test_a_click_highlights_the_update_under_it(app: PlantermApp, bundled: Store) -> None:
    add_updates(bundled, 2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        updates = main(app).query_one(UpdateList)
        top, _ = updates._span(1)
        await pilot.click(UpdateList, offset=(4, top - round(updates.scroll_y)))
        await settle(pilot)
        assert updates.chosen_update == updates.updates[1]


async def test_a_narrower_pane_wraps_again(app: PlantermApp, bundled: Store) -> None:
    add_updates(bundled, 1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        updates = main(app).query_one(UpdateList)
        wide = updates.virtual_size.height
        await pilot.resize_terminal(80, 40)
        await settle(pilot)
        assert updates.virtual_size.height > wide
        assert "note0 word word" in screen_text(app)
