"""The selected action in full: text, leads, owner, dates, fields, updates, history.

The updates are a list of their own: highlight one and press enter to
correct it, or delete to remove it (its earlier wording stays in the
database).
"""

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from typing import Any, ClassVar, NamedTuple

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from planterm.display import safe, safe_line
from planterm.domain.views import ActionDetail, UpdateView, update_heading
from planterm.ui.format import day, status_text
from planterm.ui.widgets.line_view import LineView
from planterm.ui.wrapping import wrap_offsets


def info_text(detail: ActionDetail) -> Text:
    row = detail.row
    text = Text()
    text.append(f"{safe_line(row.plan)} ref {safe_line(row.ref)}", style="bold")
    text.append(f"  ·  {safe_line(row.theme)}\n", style="dim")
    text.append("Status  ").append_text(status_text(row.status))
    if row.status:
        text.append(f"  {safe_line(row.status.meaning)}", style="dim")
    text.append("\n")
    fields = [
        ("Leads", ", ".join(row.leads)),
        ("Owner", row.owner or ""),
        ("Due", day(row.due)),
        ("Start after", day(row.start_after)),
        ("Flags", ", ".join(row.flags)),
        *row.fields.items(),
    ]
    for name, value in fields:
        if value:
            text.append(f"{safe_line(name)}  ", style="bold")
            text.append(f"{safe(value)}\n")
    text.append("\n")
    text.append(safe(row.text))
    return text


def update_prompt(update: UpdateView) -> Text:
    text = Text(safe_line(update_heading(update)), style="bold")
    text.append("\n")
    text.append(safe(update.body.rstrip()))
    return text


def history_text(detail: ActionDetail) -> Text:
    pieces: list[tuple[str, str]] = [("Status history", "bold")]
    if not detail.history:
        pieces.append(("\n  none yet", "dim"))
    for change in detail.history:
        pieces.append((f"\n  {change.at:%Y-%m-%d %H:%M}  ", ""))
        pieces.append(
            (safe_line(f"{change.from_key or 'untriaged'} → {change.to_key or 'untriaged'}"), "")
        )
        pieces.append((f"  by {safe_line(change.by)}", "dim"))
        if change.reason:
            pieces.append((f"  {safe_line(change.reason)}", "italic"))
    return assembled(pieces)


def assembled(pieces: list[tuple[str, str]]) -> Text:
    """The pieces (text, style) as one Text; a long history costs a tenth of `Text.append`'s."""
    spans, at = [], 0
    for piece, style in pieces:
        if style:
            spans.append(Span(at, at + len(piece), style))
        at += len(piece)
    return Text("".join(piece for piece, _ in pieces), spans=spans)


class Block(NamedTuple):
    """A run of the pane's lines: an update, or text that is not one."""

    text: Text | None
    update: UpdateView | None = None


def detail_blocks(detail: ActionDetail | None) -> list[Block]:
    """The pane's lines: the action, a heading, its updates, its history.

    An update's text is made only when its lines are first wrapped (see
    `UpdateList`), so an action shown again costs nothing for its updates.
    """
    if detail is None:
        return [Block(Text("No action selected.", style="dim"))]
    count = len(detail.updates)
    heading = Text(f"Updates ({count}), newest first", style="bold")
    if count:
        heading.append("  enter corrects, delete removes", style="dim")
    return [
        Block(info_text(detail)),
        Block(Text("")),
        Block(heading),
        *(Block(None, update) for update in detail.updates),
        Block(Text("")),
        Block(history_text(detail)),
    ]


class Wrapped:
    """A block's text, where its lines break at one width, and those lines once drawn."""

    def __init__(self, text: Text, width: int) -> None:
        if "\t" in text.plain:
            text = text.copy()
            text.expand_tabs()
        self.text = text
        self.width = width
        self.lines = wrap_offsets(text.plain, width)
        self._strips: list[Strip] | None = None

    def strip(self, line: int, console: Console) -> Strip:
        """Line number `line`, padded to the width (unstyled: the pane's style goes under it)."""
        if self._strips is None:
            self._strips = [self._draw(start, end, console) for start, end in self.lines]
        return self._strips[line]

    def _draw(self, start: int, end: int, console: Console) -> Strip:
        line = self.text[start:end]
        if line.spans:
            segments = list(line.render(console))
        else:  # Text.render leaves out the Text's own style when it has no spans
            segments = [Segment(line.plain, console.get_style(line.style, default=Style.null()))]
        return Strip(segments).adjust_cell_length(self.width)


KEPT_UPDATES = 1000
"""Updates whose wrapped lines the pane keeps for when they are shown again."""


class UpdateList(LineView, can_focus=True):
    """The selected action in full; its updates, newest first, can be highlighted and chosen.

    One widget of a fixed size for the whole pane, its lines drawn on demand
    (the Line API): a new action is shown with a repaint, no layout. Text
    blocks sized to their content took two or three layout passes of 15-30 ms
    each, and an OptionList restyled every line of every option on each show
    (about 0.3 ms a line). Here each update is wrapped once per width and kept;
    a line on screen is a kept strip under the pane's style.
    """

    DEFAULT_CSS = """
    UpdateList {
        height: 1fr; max-height: 100%; padding: 0 1;
        background: transparent; color: $foreground;
        overflow-x: hidden; overflow-y: scroll;
        & > .update-list--highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .update-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"update-list--highlighted"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "correct", "Correct update", id="update.correct",
                tooltip="Correct the highlighted update; its earlier wording is kept"),
        Binding("delete,backspace", "remove", "Remove update", id="update.remove",
                tooltip="Remove the highlighted update (asks first; ctrl+z brings it back)"),
        Binding("up,k", "previous", "Previous update", show=False,
                tooltip="Highlight the update above (or scroll up, at the first)"),
        Binding("down,j", "next", "Next update", show=False,
                tooltip="Highlight the update below (or scroll down, at the last)"),
        # Undescribed, so the help leaves them out, as it does the table's.
        Binding("pageup", "page_up", "", show=False),
        Binding("pagedown", "page_down", "", show=False),
        Binding("home", "first", "", show=False),
        Binding("end", "last", "", show=False),
    ]  # fmt: skip

    class Chosen(Message):
        def __init__(self, update: UpdateView, *, remove: bool) -> None:
            super().__init__()
            self.update = update
            self.remove = remove

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.updates: tuple[UpdateView, ...] = ()
        self.highlighted: int | None = None
        """The index in `updates` of the highlighted update."""
        self._blocks: list[Block] = []
        self._first_update = 0
        """The index in `_blocks` of the first update."""
        self._starts: list[int] = [0]
        """The first line of each block, and the line after the last."""
        self._width = 0
        self._wrapped: dict[int, Wrapped] = {}
        """Each block that is not an update, at `_width`."""
        self._kept: OrderedDict[tuple[UpdateView, int], Wrapped] = OrderedDict()

    # -------------------------------------------------------------- contents

    def show(self, detail: ActionDetail | None, *, same_action: bool) -> None:
        """Show an action in one step; the same action keeps its scroll and highlighted update."""
        kept = self.chosen_update
        scroll_y = self.scroll_y if same_action else 0
        self.updates = detail.updates if detail else ()
        self._blocks = detail_blocks(detail)
        self._first_update = next(
            (i for i, block in enumerate(self._blocks) if block.update is not None), 0
        )
        ids = [u.id for u in self.updates]
        if not ids:
            self.highlighted = None
        else:
            self.highlighted = ids.index(kept.id) if kept is not None and kept.id in ids else 0
        self._lay_out()
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        if self.has_focus:
            self.scroll_to_highlight()
        # Tell the screen now, not when this widget's queue next runs dry: a cursor
        # move then paints the table's cursor and this action in one frame.
        self._check_refresh()
        self.vertical_scrollbar._check_refresh()

    def _lay_out(self) -> None:
        """Wrap every block at the pane's width; set the length to scroll through."""
        width = self.scrollable_content_region.width
        self._width = width
        self._wrapped = {}
        starts = [0]
        for index in range(len(self._blocks)):
            starts.append(starts[-1] + len(self._wrap(index).lines))
        self._starts = starts
        size = Size(width, starts[-1])
        if self.is_mounted and self.size:
            # The pane's size on screen never changes (1fr, a scroll bar always
            # there): a new length sets the scroll bar and repaints, with no layout.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
        self.refresh()

    def _wrap(self, index: int) -> Wrapped:
        """A block at the pane's width; an update's is kept between shows."""
        block = self._blocks[index]
        width = self._width
        if block.update is None:
            wrapped = self._wrapped.get(index)
            if wrapped is None:
                wrapped = self._wrapped[index] = Wrapped(block.text or Text(), width)
            return wrapped
        key = (block.update, width)
        wrapped = self._kept.get(key)
        if wrapped is None:
            wrapped = self._kept[key] = Wrapped(update_prompt(block.update), width)
            if len(self._kept) > KEPT_UPDATES:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        return wrapped

    def on_resize(self) -> None:
        if self._blocks and self.scrollable_content_region.width != self._width:
            self._lay_out()

    # ------------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        line = y + round(self.scroll_y)
        if line >= self._starts[-1] or width != self._width:
            return Strip.blank(width, base)
        index = bisect_right(self._starts, line) - 1
        strip = self._wrap(index).strip(line - self._starts[index], self.app.console)
        if self.highlighted is not None and index == self._first_update + self.highlighted:
            base = base + self.get_component_rich_style("update-list--highlighted")
        return strip.apply_style(base)

    # ------------------------------------------------------------ highlight

    @property
    def chosen_update(self) -> UpdateView | None:
        """The highlighted update, if any."""
        return self.updates[self.highlighted] if self.highlighted is not None else None

    def _span(self, update: int) -> tuple[int, int]:
        """The first line of an update and the line after its last."""
        index = self._first_update + update
        return self._starts[index], self._starts[index + 1]

    def highlight(self, update: int) -> None:
        """Highlight update number `update` (clamped) and bring it into view."""
        if not self.updates:
            return
        update = max(0, min(update, len(self.updates) - 1))
        if update != self.highlighted:
            for shown in (self.highlighted, update):
                if shown is not None:
                    top, end = self._span(shown)
                    self.refresh_lines(top, end - top)
            self.highlighted = update
        self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        """Bring the highlighted update into view; one taller than the pane, its top."""
        if self.highlighted is None:
            return
        top, end = self._span(self.highlighted)
        view = self.scrollable_content_region.height
        y = round(self.scroll_y)
        if top < y or end - top > view:
            self.scroll_to(y=top, animate=False, force=True)
        elif end > y + view:
            self.scroll_to(y=end - view, animate=False, force=True)

    def on_focus(self) -> None:
        self.scroll_to_highlight()
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_previous(self) -> None:
        if self.highlighted:
            self.highlight(self.highlighted - 1)
        else:
            self.scroll_up(animate=False)

    def action_next(self) -> None:
        if self.highlighted is not None and self.highlighted < len(self.updates) - 1:
            self.highlight(self.highlighted + 1)
        else:
            self.scroll_down(animate=False)

    def action_first(self) -> None:
        self.scroll_home(animate=False)
        self.highlight(0)

    def action_last(self) -> None:
        self.scroll_end(animate=False, immediate=True)
        self.highlight(len(self.updates) - 1)

    def _page(self, direction: int) -> None:
        """Scroll a page; the highlight goes to the first update that starts in view."""
        view = self.scrollable_content_region.height
        y = max(0, min(round(self.scroll_y) + direction * view, self._starts[-1] - view))
        self.scroll_to(y=y, animate=False, immediate=True)
        first = self._first_update
        block = bisect_left(self._starts, y, first, first + len(self.updates))
        if block < first + len(self.updates):
            self.highlight(block - first)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_page_down(self) -> None:
        self._page(1)

    def on_click(self, event: events.Click) -> None:
        """A click on an update highlights it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + round(self.scroll_y)
        update = bisect_right(self._starts, line) - 1 - self._first_update
        if self.updates and 0 <= update < len(self.updates):
            self.highlight(update)

    def _chosen(self, *, remove: bool) -> None:
        update = self.chosen_update
        if update is not None:
            self.post_message(self.Chosen(update, remove=remove))

    def action_correct(self) -> None:
        self._chosen(remove=False)

    def action_remove(self) -> None:
        self._chosen(remove=True)


class ActionDetailPane(Vertical):
    """The frame of the detail pane; `UpdateList` draws all of it."""

    DEFAULT_CSS = """
    ActionDetailPane { height: 1fr; }
    """

    shown_id: int | None = None

    def compose(self) -> ComposeResult:
        yield UpdateList(id="updates")

    def show(self, detail: ActionDetail | None) -> None:
        """Show an action; a different action starts at the top of the pane."""
        shown = detail.row.id if detail else None
        same = shown is not None and shown == self.shown_id
        self.shown_id = shown
        self.query_one(UpdateList).show(detail, same_action=same)

    def scroll_home(self, *args: Any, **kwargs: Any) -> None:
        """The pane scrolls as its list does."""
        self.query_one(UpdateList).scroll_home(*args, **kwargs)

    def scroll_end(self, *args: Any, **kwargs: Any) -> None:
        self.query_one(UpdateList).scroll_end(*args, **kwargs)
