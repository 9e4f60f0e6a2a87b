"""A table that renders only the rows on screen, for lists of any length.

Textual's DataTable builds every row before its first frame (about 1.6 s for
10,000 rows). This table keeps the rows as plain values and turns a row into
text only when its line is painted (the Line API: `render_line` per visible
line, `virtual_size` as tall as the list), so a keystroke costs the same for
100 rows or 100,000.

It looks like a DataTable with a row cursor and zebra stripes: the same
styles (as `window-table--*` component classes) and the same cell padding.
Cells are `rich.text.Text`: user text is never parsed as markup.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from planterm.ui.widgets.line_view import LineView

T = TypeVar("T")

PADDING = 1
"""Blank cells either side of every cell's text, as DataTable's `cell_padding`."""

CACHE_LIMIT = 512
"""Rendered lines kept; a screen needs tens, so this only bounds memory."""


@dataclass(frozen=True)
class Column:
    """A column's heading, its key for the cells and its width (text only, no padding)."""

    label: str
    key: str
    width: int


class WindowTable(LineView, Generic[T], can_focus=True):
    """Rows of `T` under a fixed header; one row under the cursor.

    The owner gives the cells of a row (`cells`) for the current `columns`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "window-table--header",
        "window-table--cursor",
        "window-table--even-row",
        "window-table--odd-row",
    }

    DEFAULT_CSS = """
    WindowTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .window-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .window-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .window-table--even-row { background: $surface-darken-1 40%; }
        & > .window-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .window-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .window-table--odd-row { }
        & > .window-table--even-row { background: $surface-lighten-1 50%; }
        & > .window-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class _RowMessage(Message):
        """A row of the table, by its index and its value."""

        def __init__(self, table: "WindowTable[object]", cursor_row: int, row: Any) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row
            self.row = row

        @property
        def control(self) -> "WindowTable[object]":
            return self.table

    class RowHighlighted(_RowMessage):
        """The cursor moved onto a row (posted by every cursor move, keys or code).

        Posted to the screen, which bubbles it to the app: containers between
        the table and the screen do not see it.
        """

    class RowSelected(_RowMessage):
        """Enter, or a click, on a row."""

    def __init__(
        self,
        cells: Callable[[T], Sequence[Text | str]],
        *,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        """`cells` gives the cells of a row, one per column of `self.columns`."""
        super().__init__(name=name, id=id)
        self._cells = cells
        self.rows: Sequence[T] = []
        self.columns: list[Column] = []
        self._cursor = 0
        self._lines: dict[tuple[object, ...], list[Segment]] = {}

    # ---------------------------------------------------------------- contents

    def set_rows(self, rows: Sequence[T], columns: list[Column], *, cursor: int = 0) -> None:
        """Show `rows` under `columns`, the cursor on row `cursor` (no message posted)."""
        self.rows = rows
        self.columns = columns
        self._lines.clear()
        self._cursor = max(0, min(cursor, len(rows) - 1))
        width = sum(c.width + 2 * PADDING for c in columns)
        size = Size(width, 1 + len(rows))
        height = self.styles.height
        if self.is_mounted and self.size and height is not None and not height.is_auto:
            # A table of a fixed height stays the same size on screen: a new length
            # needs its scroll bars set (now, so that one that comes or goes is
            # laid out with this change), and a repaint, not a layout of its own.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
        self.refresh()
        self._scroll_to_cursor()
        self.call_after_refresh(self._scroll_to_cursor)

    def set_row(self, index: int, row: T) -> None:
        """Show `row` in place of row `index`: a repaint of that line alone.

        The rows must take item assignment (a list, or `ActionPages`).
        """
        self.rows[index] = row  # type: ignore[index]
        self._lines = {key: line for key, line in self._lines.items() if key[0] != index}
        self.refresh_line(index + 1)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def cursor_row(self) -> int:
        """The index of the row under the cursor; -1 when there are no rows."""
        return self._cursor if self.rows else -1

    def move_cursor(self, *, row: int, animate: bool = False, scroll: bool = True) -> None:
        """Put the cursor on `row` (clamped), scroll it into view, post RowHighlighted."""
        if not self.rows:
            return
        old, self._cursor = self._cursor, max(0, min(row, len(self.rows) - 1))
        self.refresh_line(old + 1)
        self.refresh_line(self._cursor + 1)
        if scroll:
            self._scroll_to_cursor(animate=animate)
        highlighted = self.RowHighlighted(self, self._cursor, self.rows[self._cursor])  # type: ignore[arg-type]
        if self.is_attached:
            # Straight to the screen (it bubbles on to the app), not up through each
            # container: the screen then shows what the row needs before this
            # table's repaint reaches it, and both are painted in one frame.
            self.screen.post_message(highlighted)
        else:
            self.post_message(highlighted)

    # ----------------------------------------------------------------- moving

    @property
    def _page(self) -> int:
        """Rows that fit under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def _go(self, row: int) -> None:
        if self.rows and max(0, min(row, len(self.rows) - 1)) != self._cursor:
            self.move_cursor(row=row)

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=animate, force=True)
        elif self._cursor >= top + self._page:
            self.scroll_to(y=self._cursor - self._page + 1, animate=animate, force=True)

    def action_cursor_up(self) -> None:
        self._go(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._go(self._cursor + 1)

    def action_page_up(self) -> None:
        self._go(self._cursor - self._page)

    def action_page_down(self) -> None:
        self._go(self._cursor + self._page)

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(len(self.rows) - 1)

    def action_select_cursor(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self._cursor, self.rows[self._cursor]))  # type: ignore[arg-type]

    def on_click(self, event: events.Click) -> None:
        """A click on a row puts the cursor there and selects it, as in DataTable."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = offset.y - 1 + round(self.scroll_y)
        if 0 <= row < len(self.rows):
            event.stop()
            self.move_cursor(row=row)
            self.action_select_cursor()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -------------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        """Line `y` of the widget: the header, or the row scrolled to it."""
        width = self.size.width
        base = self.base_style
        if y == 0:
            index = -1
        else:
            index = y - 1 + round(self.scroll_y)
            if index >= len(self.rows):
                return Strip.blank(width, base)
        segments = self._row_segments(index, width)
        scroll_x = round(self.scroll_x)
        return Strip(segments).crop(scroll_x, scroll_x + width).adjust_cell_length(width, base)

    def _styles(self, index: int) -> tuple[Style, Style]:
        """The row's style and the cursor's over it (empty off the cursor)."""
        component = self.get_component_rich_style
        if index == -1:
            return component("window-table--header"), Style()
        stripe = "window-table--odd-row" if index % 2 else "window-table--even-row"
        cursor = component("window-table--cursor") if index == self._cursor else Style()
        return component(stripe), cursor

    def _row_segments(self, index: int, width: int) -> list[Segment]:
        row_style, cursor_style = self._styles(index)
        key = (index, width, row_style, cursor_style, self.get_pseudo_class_state())
        cached = self._lines.get(key)
        if cached is not None:
            return cached
        if len(self._lines) >= CACHE_LIMIT:
            self._lines.clear()
        if index == -1:
            texts: Sequence[Text | str] = [c.label for c in self.columns]
        else:
            texts = self._cells(self.rows[index])
        # As DataTable: the cursor's colour wins over the text's, its background does not.
        post = Style.from_color(color=cursor_style.color)
        console = self.app.console
        segments: list[Segment] = []
        base = row_style + cursor_style
        for column, value in zip(self.columns, texts, strict=True):
            text = value.copy() if isinstance(value, Text) else Text(value)
            text.end = ""
            text.truncate(column.width)
            blank = base + post
            segments.append(Segment(" " * PADDING, blank))
            # Text.render leaves out the Text's own style when it has no spans.
            own = base + console.get_style(text.style, default=Style.null())
            for piece in text.render(console):
                segments.append(Segment(piece.text, own + piece.style + post))
            fill = column.width - text.cell_len + PADDING
            segments.append(Segment(" " * fill, blank))
        used = sum(c.width + 2 * PADDING for c in self.columns)
        segments.append(Segment(" " * max(0, width - used), row_style + cursor_style))
        segments = list(Segment.simplify(segments))
        self._lines[key] = segments
        return segments
