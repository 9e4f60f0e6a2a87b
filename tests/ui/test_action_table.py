"""The action table on its own: only the lines on screen are drawn, the cursor, its messages."""

from datetime import date

from textual.app import App, ComposeResult
from textual.strip import Strip

from planterm.domain.schemes import Category
from planterm.domain.views import ActionRow, StatusView
from planterm.ui.widgets.action_table import ActionTable

GREEN = StatusView("green", "Green", "On track", "G", Category.ACTIVE, "#2e7d32")
ROWS = 5_000


def rows(count: int, *, plan: str = "p") -> list[ActionRow]:
    return [
        ActionRow(id=i + 1, plan=plan, theme="t", ref=str(i + 1), text=f"[bold]Action {i + 1}",
                  leads=("Police",), owner=None, status=GREEN if i % 2 else None,
                  due=date(2026, 1, 1), start_after=None, last_update=None, update_count=0,
                  flags=())
        for i in range(count)
    ]  # fmt: skip


class CountingTable(ActionTable):
    """Counts the rows turned into cells, and every line drawn."""

    def __init__(self) -> None:
        super().__init__(id="actions")
        self.cells_made: set[int] = set()
        self.lines_drawn = 0

    def cells(self, row: ActionRow):  # type: ignore[no-untyped-def]
        self.cells_made.add(row.id)
        return super().cells(row)

    def render_line(self, y: int) -> Strip:
        self.lines_drawn += 1
        return super().render_line(y)


class TableApp(App[None]):
    def __init__(self, shown: list[ActionRow]) -> None:
        super().__init__()
        self.shown = shown
        self.messages: list[tuple[str, int, int]] = []

    def compose(self) -> ComposeResult:
        yield CountingTable()

    def on_mount(self) -> None:
        table = self.query_one(CountingTable)
        table.show(self.shown)
        table.focus()

    def on_window_table_row_highlighted(self, event: ActionTable.RowHighlighted) -> None:
        self.messages.append(("highlighted", event.cursor_row, event.row.id))

    def on_window_table_row_selected(self, event: ActionTable.RowSelected) -> None:
        self.messages.append(("selected", event.cursor_row, event.row.id))


def text_of(table: ActionTable, y: int) -> str:
    return table.render_line(y).text


async def test_five_thousand_rows_draw_only_the_lines_on_screen() -> None:
    app = TableApp(rows(ROWS))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(CountingTable)
        assert table.row_count == ROWS and table.virtual_size.height == ROWS + 1
        assert len(table.cells_made) <= 20 and table.lines_drawn <= 3 * 20
        assert not table.children  # no widget per row
        drawn = table.lines_drawn
        await pilot.press("down")
        await pilot.pause()
        assert table.lines_drawn - drawn <= 4  # the two rows the cursor left and reached
        await pilot.press("end")
        await pilot.pause()
        assert table.current is not None and table.current.id == ROWS
        assert len(table.cells_made) <= 3 * 20


async def test_the_header_the_words_and_user_text_as_it_is() -> None:
    app = TableApp(rows(3))
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(CountingTable)
        header = text_of(table, 0)
        for label in ("Ref", "Status", "Due", "Updated", "Action", "Leads"):
            assert label in header
        assert "G Green" in text_of(table, 2)  # symbol and word, never colour alone
        assert "[bold]Action 1" in text_of(table, 1)  # markup shown, not applied
        assert len(text_of(table, 1)) == table.size.width


async def test_keys_move_the_cursor_and_scroll_it_into_view() -> None:
    app = TableApp(rows(ROWS))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(CountingTable)
        page = table.scrollable_content_region.height - 1
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert table.cursor_row == 1 + page
        assert table.scroll_y <= table.cursor_row < table.scroll_y + page
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == ROWS - 1 and table.scroll_y == table.max_scroll_y
        bottom = table.size.height - 1 - table.scrollbar_size_horizontal
        assert f" {ROWS} " in text_of(table, bottom)
        await pilot.press("pageup", "home")
        await pilot.pause()
        assert (table.cursor_row, table.scroll_y) == (0, 0)
        await pilot.press("up")  # already at the top: no message
        assert [m[0] for m in app.messages].count("highlighted") == 7


async def test_moves_post_highlighted_and_enter_and_clicks_post_selected() -> None:
    app = TableApp(rows(50))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.messages == [("highlighted", 1, 2), ("selected", 1, 2)]
        app.messages.clear()
        await pilot.click(CountingTable, offset=(10, 3))  # line 0 is the header: row 2
        await pilot.pause()
        assert app.messages == [("highlighted", 2, 3), ("selected", 2, 3)]


async def test_a_reload_keeps_the_cursor_on_the_same_action_without_a_message() -> None:
    app = TableApp(rows(ROWS))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(CountingTable)
        table.move_cursor(row=4_000)
        await pilot.pause()
        app.messages.clear()
        table.show(rows(ROWS)[3_000:], keep=4_001)
        await pilot.pause()
        assert table.current is not None and table.current.id == 4_001
        assert table.scroll_y <= table.cursor_row < table.scroll_y + table.size.height
        assert app.messages == []
        table.show(rows(10), keep=4_001)  # gone: the first row
        assert table.cursor_row == 0
        table.show([])
        assert table.current is None and table.cursor_row == -1


async def test_a_list_across_plans_gets_a_plan_column() -> None:
    app = TableApp(rows(2) + rows(2, plan="other"))
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(CountingTable)
        assert table.with_plan and "Plan" in text_of(table, 0)
        assert "other" in text_of(table, 3)
