"""What keeps a keystroke to a frame: kept tree branches, footers and wrapped updates."""

import gc

from planterm.services.changes import add_update, set_status
from planterm.storage.store import Store
from planterm.ui.app import PlantermApp
from planterm.ui.widgets import action_detail
from planterm.ui.widgets.action_detail import ActionDetailPane
from planterm.ui.widgets.action_table import ActionTable
from planterm.ui.widgets.filter_bar import FilterBar
from planterm.ui.widgets.key_footer import KeyFooter
from planterm.ui.widgets.plan_tree import Place, PlanTree
from tests.conftest import NOW, TODAY
from tests.ui.conftest import settle
from tests.ui.test_flows import SIZE, go_to, main


def _plan_label(app: PlantermApp, plan: str) -> str:
    tree = main(app).query_one(PlanTree)
    node = next(n for n in tree.root.children if n.data == Place(plan))
    return str(node.label)


async def test_a_status_change_relabels_its_plan_and_theme_without_a_rebuild(
    app: PlantermApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        tree = main(app).query_one(PlanTree)
        plan_node = next(n for n in tree.root.children if n.data == Place("pcc-da-2020"))
        plan_node.expand()
        await settle(pilot)
        nodes = list(tree.root.children)
        before = _plan_label(app, "pcc-da-2020")
        themes_before = [str(c.label) for c in plan_node.children]
        await pilot.press("s", "2")  # on track, no reason asked
        await settle(pilot)
        after = _plan_label(app, "pcc-da-2020")
        assert before != after, "the plan's counts changed"
        assert list(tree.root.children) == nodes, "the same nodes, relabelled"
        themes_after = [str(c.label) for c in plan_node.children]
        assert len(themes_after) == len(themes_before)
        assert themes_after != themes_before, "the theme of ref 3 counts it as on track"


async def test_the_footer_is_not_rebuilt_when_a_dialog_closes(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        footer = main(app).query_one(KeyFooter)
        keys = list(footer.children)
        assert keys
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert list(footer.children) == keys


async def test_the_footer_is_rebuilt_when_its_keys_change(make_app, bundled: Store) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = main(app).query_one(KeyFooter)
        await go_to(pilot, "pcc-da-2020", "3")
        assert not app.backend.can_undo
        keys = list(footer.children)
        await pilot.press("s", "2")
        await settle(pilot)
        assert app.backend.can_undo
        assert list(footer.children) != keys, "undo is no longer greyed out"


async def test_an_update_shown_again_is_not_wrapped_again(
    app: PlantermApp, bundled: Store, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        add_update(bundled, plan_key="pcc-da-2020", ref="3", body=f"word {n} " * 60,
                   day=TODAY, author="x", now=NOW)  # fmt: skip
    wraps: list[int] = []
    original = action_detail.wrap_offsets

    def counted(text: str, width: int) -> object:
        wraps.append(width)
        return original(text, width)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        pane = main(app).query_one(ActionDetailPane)
        text = pane.query_one("#updates").render_line(0)
        await pilot.press("down")
        await settle(pilot)
        monkeypatch.setattr(action_detail, "wrap_offsets", counted)
        await pilot.press("up")
        await settle(pilot)
        assert main(app).current.ref == "3"
        assert len(wraps) == 5, "the action, two blanks, the heading and the history: no update"
        assert pane.query_one("#updates").render_line(0) == text


async def test_objects_alive_once_the_store_is_open_are_set_aside_from_the_collector(
    app: PlantermApp,
) -> None:
    gc.unfreeze()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.get_freeze_count() > 0


async def test_a_dialog_closing_lays_out_the_screen_under_it_only_when_the_size_changed(
    app: PlantermApp, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = main(app)
        layouts: list[object] = []
        original = type(screen)._refresh_layout

        def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if self is screen:
                layouts.append(args)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(type(screen), "_refresh_layout", counted)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert layouts == [], "nothing under the dialog changed size"
        await pilot.press("slash")
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await pilot.press("escape")
        await settle(pilot)
        assert layouts, "the terminal's size changed while the dialog was up"
        assert screen.query_one(ActionTable).size.width < 100


async def test_the_filter_bar_counts_one_action_in_the_singular(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"quokkas", "enter")  # no plan holds it
        await settle(pilot)
        assert "0 actions" in str(main(app).query_one(FilterBar).render())
        await pilot.press("escape")
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "1")
        await pilot.press("o")  # overdue: ref 1 alone
        await settle(pilot)
        assert "1 of 23" in str(main(app).query_one(FilterBar).render())
        bar = main(app).query_one(FilterBar)
        bar.show("All plans", ["words: quokka"], 1, None)
        assert str(bar.render()).endswith("│  1 action")


async def test_a_change_elsewhere_is_still_picked_up_after_a_status_set_here(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        other = _plan_label(app, "pcd-2019-20-t2")
        # someone else, in another plan, before this app next checks for changes
        set_status(bundled, plan_key="pcd-2019-20-t2", ref="1", status="red", reason="x",
                   author="colleague", now=NOW)  # fmt: skip
        await pilot.press("s", "2")
        await settle(pilot)
        app.check_outside_changes()
        await settle(pilot)
        assert _plan_label(app, "pcd-2019-20-t2") != other


async def test_the_store_opens_only_once_the_first_screen_has_its_actions(
    bundled: Store, db_path
) -> None:  # type: ignore[no-untyped-def]
    from planterm.services.reading import StoreOpening
    from planterm.storage.reader import SqliteFile
    from planterm.ui.backend import Backend

    rows_when_opened: list[int] = []
    app: PlantermApp

    def opener() -> Store:
        rows_when_opened.append(main(app).query_one(ActionTable).row_count)
        return bundled

    backend = Backend(StoreOpening(SqliteFile(db_path), opener), TODAY, "tester")
    app = PlantermApp(backend, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await backend.ready()
        assert len(rows_when_opened) == 1
        assert rows_when_opened[0] > 0, "the opening began after the first rows were shown"
