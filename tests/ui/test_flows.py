"""Every flow of the app, driven with the keyboard through Textual's Pilot."""

import asyncio
import tomllib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.widgets import Input, OptionList, Select, TextArea

from planterm.errors import PlantermError
from planterm.services import changes
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.transfer import export_to_file
from planterm.services.updates import update_revisions
from planterm.storage.store import Store
from planterm.ui.app import PlantermApp
from planterm.ui.screens.dialogs import Confirm
from planterm.ui.screens.main import MainScreen
from planterm.ui.screens.meeting import MeetingScreen
from planterm.ui.widgets.action_detail import UpdateList
from planterm.ui.widgets.action_table import ActionTable
from planterm.ui.widgets.plan_tree import Place, PlanTree
from tests.conftest import NOW, TODAY
from tests.ui.conftest import export_home, screen_text, settle

SIZE = (120, 40)


def main(app: PlantermApp) -> MainScreen:
    screen = app.main
    assert screen is not None
    return screen


async def go_to(pilot, plan: str, ref: str) -> None:  # type: ignore[no-untyped-def]
    """Select a plan in the tree and put the cursor on one of its refs."""
    screen = main(pilot.app)
    tree = screen.query_one(PlanTree)
    node = next(n for n in tree.root.children if n.data == Place(plan))
    tree.move_cursor(node)
    await settle(pilot)
    table = screen.query_one(ActionTable)
    index = next(i for i, r in enumerate(table.rows) if r.ref == ref)
    table.focus()
    table.move_cursor(row=index)
    await settle(pilot)
    assert screen.current is not None and (screen.current.plan, screen.current.ref) == (plan, ref)


def detail(store: Store, plan: str, ref: str):  # type: ignore[no-untyped-def]
    return show_action(store, plan, ref, today=TODAY)


# ---------------------------------------------------------------- main screen


async def test_the_main_screen_shows_plans_actions_and_the_action_in_full(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(app)
        tree = screen.query_one(PlanTree)
        assert [n.data.plan for n in tree.root.children if n.data] == [
            "da-jsna", "dsv-strategy-2015", "pcc-da-2020", "pcd-2019-20-t2", "sfh-review-2014",
        ]  # fmt: skip
        await go_to(pilot, "pcd-2019-20-t2", "5")
        text = screen_text(app)
        assert "pcd-2019-20-t2  G15" in text  # counts by status as symbols and numbers
        assert "G Green" in text and "Updates (3), newest first" in text
        assert "Owner  Force" in text
        pane = screen.query_one("#detail")
        pane.scroll_end(animate=False)
        await settle(pilot)
        assert "Status history" in screen_text(app)


async def test_choosing_a_theme_narrows_the_table(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = main(app).query_one(PlanTree)
        plan = tree.root.children[0]
        plan.expand()
        await settle(pilot)
        tree.move_cursor(plan.children[1])  # da-jsna › Prevention
        await settle(pilot)
        refs = [r.ref for r in main(app).query_one(ActionTable).rows]
        assert refs == ["7", "8", "9", "10"]
        assert "da-jsna › Prevention" in screen_text(app)


async def test_at_80_by_24_the_panels_stay_readable(app: PlantermApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.has_class("-narrow")
        text = screen_text(app)
        assert "? Untriaged" in text and "Maintain the" in text
        assert "da-jsna ref 1" in text


# --------------------------------------------------------------------- triage


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"])  # the app on both engines
async def test_s_then_a_digit_sets_the_status(app: PlantermApp, bundled: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        await pilot.press("s")
        await settle(pilot)
        picker_text = screen_text(app)
        assert "Action has begun and has achieved progress" in picker_text
        assert "Action is sequential and not expected to begin" in picker_text
        await pilot.press("2")
        await settle(pilot)
    assert detail(bundled, "pcc-da-2020", "3").row.status.key == "on-track"


async def test_a_chosen_status_is_shown_in_the_frame_the_picker_closes(
    app: PlantermApp, bundled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the save: the table and the detail show it; then it is stored."""
    saving = asyncio.Event()
    release = asyncio.Event()
    original = app.backend.call

    async def held(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        if fn is changes.set_status:
            saving.set()
            await release.wait()
        return await original(fn, *args, **kwargs)

    monkeypatch.setattr(app.backend, "call", held)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("2")
        await saving.wait()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert main(app).current.status.key == "on-track"
        assert "Status  ▶ On track  Action has begun" in screen_text(app), "and the detail pane"
        assert detail(bundled, "pcc-da-2020", "3").row.status is None, "not saved yet"
        release.set()
        await settle(pilot)
    assert detail(bundled, "pcc-da-2020", "3").row.status.key == "on-track"


async def test_a_status_that_cannot_be_saved_is_put_back(
    app: PlantermApp, bundled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PlantermError("database is locked: try again")

    monkeypatch.setattr(changes, "set_status", refused)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "3")
        await pilot.press("s", "2")
        await settle(pilot)
        assert main(app).current.status is None
        (note,) = [n for n in app._notifications if n.severity == "error"]
        assert note.message == "database is locked: try again"
    assert detail(bundled, "pcc-da-2020", "3").row.status is None


async def test_moving_to_done_or_at_risk_asks_for_a_reason(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcd-2019-20-t2", "3")
        await pilot.press("s", "2")  # amber: at risk
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press(*"RJ worker left")
        await pilot.press("enter")
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "4")
        await pilot.press("s", "1", "enter")  # complete, the reason left empty
        await settle(pilot)
    (change,) = detail(bundled, "pcd-2019-20-t2", "3").history
    assert (change.from_key, change.to_key, change.reason, change.by) == (
        "green", "amber", "RJ worker left", "tester",
    )  # fmt: skip
    (done,) = detail(bundled, "pcc-da-2020", "4").history
    assert done.to_key == "complete" and done.reason is None


async def test_u_adds_an_update_dated_today_in_this_quarter(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "2")
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.query_one("#date", Input).value == "2021-04-15"
        assert app.screen.query_one("#period", Input).value == "Q1 2021-22"
        await pilot.press(*"Training booked.")
        await pilot.press("enter")
        await pilot.press(*"Second line.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Training booked." in screen_text(app)
    newest = detail(bundled, "pcc-da-2020", "2").updates[0]
    assert newest.body == "Training booked.\nSecond line."
    assert (newest.date, newest.period, newest.author) == (TODAY, "Q1 2021-22", "tester")


async def test_an_update_survives_an_error_and_leaving_asks_first(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "2")
        await pilot.press("u")
        await settle(pilot)
        editor = app.screen
        await pilot.press(*"Words I must not lose")
        editor.query_one("#date", Input).value = "2021-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert "is not a date" in screen_text(app)
        assert editor.query_one(TextArea).text == "Words I must not lose"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is editor and editor.query_one(TextArea).text == "Words I must not lose"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert len(detail(bundled, "pcc-da-2020", "2").updates) == 1


async def test_e_edits_the_action_with_lead_completion(app: PlantermApp, bundled: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "16")
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        leads = editor.query_one("#leads", Input)
        leads.focus()
        leads.action_end()
        await pilot.press(*"; Violence Red")
        await settle(pilot)
        await pilot.press("right")  # accept the suggestion
        editor.query_one("#owner", Input).value = "NW"
        editor.query_one("#due", Input).value = "2021-09-30"
        editor.query_one("#fields", TextArea).text = "Funding: MoJ"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    row = detail(bundled, "pcc-da-2020", "16").row
    assert row.leads == ("PCC", "Violence Reduction Unit")
    assert (row.owner, row.due.isoformat(), row.fields) == ("NW", "2021-09-30", {"Funding": "MoJ"})


async def test_n_adds_an_action_with_the_next_ref(app: PlantermApp, bundled: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "1")
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#ref", Input).value == "24"
        await pilot.press(*"Commission a male survivors' service.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert main(app).current is not None and main(app).current.ref == "24"
    assert detail(bundled, "pcc-da-2020", "24").row.theme == "Policy context"


async def test_delete_asks_first_and_ctrl_z_brings_it_back(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "5")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        refs = [r.ref for r in main(app).query_one(ActionTable).rows]
        assert "5" not in refs
        await pilot.press("ctrl+z")
        await settle(pilot)
        refs = [r.ref for r in main(app).query_one(ActionTable).rows]
        assert "5" in refs
    assert len(detail(bundled, "pcc-da-2020", "5").updates) == 1


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"])  # the app on both engines
async def test_an_update_is_corrected_and_removed_from_the_detail_pane(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "11")
        await pilot.press("enter")  # into the updates of the detail pane
        await settle(pilot)
        assert isinstance(app.focused, UpdateList)
        await pilot.press("enter")
        await settle(pilot)
        body = app.screen.query_one(TextArea)
        assert body.text.startswith("This is ongoing work.")
        body.text = "Corrected wording."
        await pilot.press("ctrl+s")
        await settle(pilot)
        (update,) = detail(bundled, "pcc-da-2020", "11").updates
        assert update.body == "Corrected wording."
        ((_, by, change, before),) = update_revisions(bundled, update.id)
        assert (by, change) == ("tester", "corrected") and before.startswith("This is ongoing")
        assert isinstance(app.screen, MainScreen)
        main(app).query_one("#updates").focus()
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert detail(bundled, "pcc-da-2020", "11").updates == ()
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert detail(bundled, "pcc-da-2020", "11").updates[0].body == "Corrected wording."


# -------------------------------------------------------------------- finding


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"])  # the app on both engines
async def test_slash_searches_every_plan_with_the_cursor_on_the_first_match(
    app: PlantermApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"stalking", "enter")
        await settle(pilot)
        table = main(app).query_one(ActionTable)
        plans = {r.plan for r in table.rows}
        assert {"pcd-2019-20-t2", "da-jsna"} <= plans
        assert table.cursor_row == 0 and main(app).current == table.rows[0]
        assert "search “stalking”" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "search" not in screen_text(app).splitlines()[0]


async def test_filters_combine_show_in_the_header_and_escape_clears(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "1")
        await pilot.press("o")
        await settle(pilot)
        table = main(app).query_one(ActionTable)
        assert [r.ref for r in table.rows] == ["1"]
        assert "filters: overdue" in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert "☑ Overdue" in screen_text(app) and "☐ Stale" in screen_text(app)
        await pilot.press("down", "down", "down", "space")  # tick Stale
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "overdue · stale" in screen_text(app)
        assert [r.ref for r in table.rows] == ["1"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(table.rows) == 23
        assert "filters" not in screen_text(app).splitlines()[0]


async def test_the_filter_menu_filters_by_agency(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "1")
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#agency").value = "Crown Prosecution Service"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        refs = [r.ref for r in main(app).query_one(ActionTable).rows]
        assert refs == ["20", "21"]


# ---------------------------------------------------------------------- views


async def test_m_opens_the_meeting_view_and_enter_jumps(app: PlantermApp, bundled: Store) -> None:
    set_status(bundled, plan_key="pcd-2019-20-t2", ref="9", status="red", author="x", now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcd-2019-20-t2", "1")
        await pilot.press("m")
        await settle(pilot)
        text = screen_text(app)
        assert "14/15 (93%)" in text and "1/15 (7%)" in text
        assert text.index("Overdue (0)") < text.index("At risk (1)") < text.index("Untriaged (0)")
        assert "GGGG" in text  # the bar is made of symbols, not colour alone
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert main(app).current is not None and main(app).current.ref == "9"


async def test_c_in_the_meeting_view_shows_what_moved_since_a_snapshot(
    app: PlantermApp, bundled: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = export_home(monkeypatch, tmp_path)
    export_to_file(bundled, home / "planterm-pcd-2019-20-t2-2021-01-14.toml",
                   plan_keys=["pcd-2019-20-t2"], now=NOW)  # fmt: skip
    (home / "broken.toml").write_text("version = = 1\n")
    set_status(bundled, plan_key="pcd-2019-20-t2", ref="9", status="red", author="kd", now=NOW,
               reason="[b]Funding[/b] withdrawn")  # fmt: skip
    add_update(bundled, plan_key="pcd-2019-20-t2", ref="4", body="Panel met.", day=TODAY,
               author="NW", now=NOW)  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcd-2019-20-t2", "1")
        await pilot.press("m", "c")
        await settle(pilot)
        path = app.screen.query_one(Input)
        assert path.value == "~/planterm-pcd-2019-20-t2-"
        await pilot.press("right")  # take the suggested snapshot
        assert path.value == "~/planterm-pcd-2019-20-t2-2021-01-14.toml"
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Changes since planterm-pcd-2019-20-t2-2021-01-14.toml (2021-04-15)" in text
        assert "Helping and Supporting Victims" in text
        assert (
            "Status   9     G Green → R Red, by kd on 2021-04-15: [b]Funding[/b] withdrawn" in text
        )
        assert "Update   4     2021-04-15 · Q1 2021-22 · NW: Panel met." in text
        assert "Share          G Green  15/15 (100%) → 14/15 (93%)" in text
        assert "Share          R Red    0/15 (0%)    → 1/15 (7%)" in text
        assert "Overdue (0)" not in text  # the changes took the exceptions' place
        await pilot.press("escape")
        await settle(pilot)
        assert "Overdue (0)" in screen_text(app) and "Changes since planterm" not in screen_text(
            app
        )

        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one(Input).value = "~/broken.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)  # still running, still here
        (note,) = [n for n in app._notifications if n.severity == "error"]
        assert "home/broken.toml, line 1, column 11: not valid TOML" in note.message
        assert "\n" not in note.message

        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one(Input).value = "~/planterm-pcd-2019-20-t2-2021-01-14.toml"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # on the first change: ref 9's status
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert main(app).current is not None and main(app).current.ref == "9"


async def test_a_opens_the_agency_view(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        agencies = app.screen.query_one("#agencies", OptionList)
        index = next(
            i for i in range(agencies.option_count)
            if "Crown Prosecution Service" in str(agencies.get_option_at_index(i).prompt)
        )  # fmt: skip
        agencies.highlighted = index
        await settle(pilot)
        table = app.screen.query_one(ActionTable)
        assert [(r.plan, r.ref) for r in table.rows] == [
            ("pcc-da-2020", "20"),
            ("pcc-da-2020", "21"),
        ]
        table.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert main(app).current is not None and main(app).current.ref == "21"


async def test_x_exports_to_the_offered_path(
    app: PlantermApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = export_home(monkeypatch, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "1")
        await pilot.press("x")
        await settle(pilot)
        assert (
            app.screen.query_one("#path", Input).value == "~/planterm-pcc-da-2020-2021-04-15.toml"
        )
        await pilot.press("enter")
        await settle(pilot)
    written = home / "planterm-pcc-da-2020-2021-04-15.toml"
    assert [p["key"] for p in tomllib.loads(written.read_text())["plans"]] == ["pcc-da-2020"]
    assert written.stat().st_mode & 0o777 == 0o600


async def test_ctrl_z_reverses_a_status_change_and_the_history_says_so(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "6")
        await pilot.press("s", "3")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
    changes = detail(bundled, "pcc-da-2020", "6").history
    assert [(c.from_key, c.to_key, c.reason) for c in changes] == [
        (None, "not-started", None),
        ("not-started", None, "undone"),
    ]


async def test_help_lists_every_key(app: PlantermApp) -> None:
    async with app.run_test(size=(120, 60)) as pilot:  # tall enough to show it all
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        for key, words in [("/", "Search every plan"), ("s", "Set the status"),
                           ("u", "Write an update"), ("x", "TOML snapshot"),
                           ("o", "due before today"), ("m", "delivery report"),
                           ("q", "Quit"), ("^z", "Reverse the last change")]:  # fmt: skip
            lines = [line.strip("█▎▊ ") for line in text.splitlines()]
            assert any(line.startswith(key) and words in line for line in lines), key
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_keys_that_do_not_apply_are_greyed(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.check_action("status", ()) is None
        assert screen.check_action("undo", ()) is None
        assert screen.check_action("clear_filters", ()) is None
        assert screen.check_action("search", ()) is True
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_the_palette_offers_actions_and_jumps_to_a_ref(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"meeting view")
        await settle(pilot)
        assert "The plan as its delivery report opens" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Claire's law")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        current = main(app).current
        assert current is not None and (current.plan, current.ref) == ("pcc-da-2020", "10")


async def test_q_quits(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# ----------------------------------------------------- two windows, one file


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"])  # the app on both engines
async def test_a_status_changed_elsewhere_is_shown_and_not_overwritten(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "7")
        set_status(bundled, plan_key="pcc-da-2020", ref="7", status="on-track",
                   author="colleague", now=NOW)  # fmt: skip
        await pilot.press("s", "3")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert "untriaged → on-track by colleague" in screen_text(app)
        await pilot.press("n")  # keep theirs
        await settle(pilot)
        assert main(app).current is not None
        assert main(app).current.status is not None and main(app).current.status.key == "on-track"
    assert detail(bundled, "pcc-da-2020", "7").row.status.key == "on-track"


async def test_saving_over_another_change_happens_only_when_asked(
    app: PlantermApp, bundled: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "8")
        set_status(bundled, plan_key="pcc-da-2020", ref="8", status="on-track",
                   author="colleague", now=NOW)  # fmt: skip
        await pilot.press("s", "3")
        await settle(pilot)
        await pilot.press("y")  # save mine
        await settle(pilot)
    history = detail(bundled, "pcc-da-2020", "8").history
    assert [(h.to_key, h.by) for h in history] == [
        ("on-track", "colleague"),
        ("not-started", "tester"),
    ]


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"])  # the app on both engines
async def test_the_screen_picks_up_outside_changes(app: PlantermApp, bundled: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "9")
        app.remember_fingerprint()
        await settle(pilot)
        add_update(bundled, plan_key="pcc-da-2020", ref="9", body="From the command line.",
                   day=TODAY, author="cli", now=NOW)  # fmt: skip
        app.check_outside_changes()
        await settle(pilot)
        await settle(pilot)
        assert "From the command line." in screen_text(app)
        assert main(app).current is not None and main(app).current.ref == "9"


# ------------------------------------------------------------- text and colour


async def test_statuses_are_words_and_symbols_in_both_themes(app: PlantermApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcd-2019-20-t2", "1")
        dark = screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert app.theme == "textual-light"
        assert "G Green" in dark and "G Green" in screen_text(app)


async def test_no_color_is_respected_and_statuses_still_read(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcd-2019-20-t2", "1")
        assert app.no_color
        assert "G Green" in screen_text(app)


async def test_new_themes_and_plans_come_from_the_palette(app: PlantermApp, bundled: Store) -> None:
    from planterm.services.summary import plan_summaries

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "1")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"new theme", "enter")
        await settle(pilot)
        await pilot.press(*"Housing", "enter")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"new plan", "enter")
        await settle(pilot)
        for field, value in (("#key", "vawg-2025"), ("#title", "VAWG Strategy"), ("#body", "OPCC")):
            app.screen.query_one(field, Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "vawg-2025" in screen_text(app)
    summaries = {s.key: s for s in plan_summaries(bundled)}
    assert summaries["pcc-da-2020"].themes[-1].name == "Housing"
    assert summaries["vawg-2025"].scheme_name == "Delivery plan RAG key"
    assert [t.name for t in summaries["vawg-2025"].themes] == ["General"]


async def test_r_writes_the_plans_committee_report_in_the_chosen_format(
    app: PlantermApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = export_home(monkeypatch, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "pcc-da-2020", "1")
        await pilot.press("r")
        await settle(pilot)
        path = app.screen.query_one("#path", Input)
        assert path.value == "~/planterm-pcc-da-2020-report-2021-04-15.html"
        app.screen.query_one("#format", Select).value = "xlsx"
        await settle(pilot)
        assert path.value == "~/planterm-pcc-da-2020-report-2021-04-15.xlsx"
        app.screen.query_one("#order", Select).value = "exceptions"
        path.focus()
        await pilot.press("enter")
        await settle(pilot)
    written = home / "planterm-pcc-da-2020-report-2021-04-15.xlsx"
    book = load_workbook(written)
    assert book.sheetnames == ["Summary", "By theme", "Exceptions", "Actions"]
    assert written.stat().st_mode & 0o777 == 0o600
