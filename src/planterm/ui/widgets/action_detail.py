"""The selected action in full: text, leads, owner, dates, fields, updates, history.

The updates are a list of their own: highlight one and press enter to
correct it, or delete to remove it (its earlier wording stays in the
database).
"""

from collections import OrderedDict
from typing import Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planterm.display import safe, safe_line
from planterm.domain.views import ActionDetail, UpdateView, update_heading
from planterm.ui.format import day, status_text
from planterm.ui.widgets.steady import SteadyScrollView


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
    text = Text("Status history", style="bold")
    if not detail.history:
        text.append("\n  none yet", style="dim")
    for change in detail.history:
        text.append(f"\n  {change.at:%Y-%m-%d %H:%M}  ")
        text.append(safe_line(f"{change.from_key or 'untriaged'} → {change.to_key or 'untriaged'}"))
        text.append(f"  by {safe_line(change.by)}", style="dim")
        if change.reason:
            text.append(f"  {safe_line(change.reason)}", style="italic")
    return text


INFO, HEADING, HISTORY = "info", "heading", "history"
"""Ids of the pane's lines that are not updates (an update's id is its number)."""


def _blank() -> Option:
    return Option(Text(""), disabled=True)


class UpdateOption(Option):
    """An update's lines, with their height at each width they were measured for."""

    def __init__(self, update: UpdateView) -> None:
        super().__init__(update_prompt(update), id=str(update.id))
        self.heights: dict[int, int] = {}


KEPT_UPDATES = 1000
"""Updates whose options (and wrapped heights) the pane keeps for when they are shown again."""


def detail_options(
    detail: ActionDetail | None, kept: "OrderedDict[UpdateView, UpdateOption] | None" = None
) -> list[Option]:
    """The pane's lines: the action, a heading, its updates, its history.

    Only the updates can be highlighted; the rest are disabled options drawn
    like plain text (see `UpdateList`'s styles). An update found in `kept`
    reuses its option; new ones are added to it, the oldest dropped past
    KEPT_UPDATES.
    """
    if detail is None:
        return [Option(Text("No action selected.", style="dim"), id=INFO, disabled=True)]
    count = len(detail.updates)
    heading = Text(f"Updates ({count}), newest first", style="bold")
    if count:
        heading.append("  enter corrects, delete removes", style="dim")
    return [
        Option(info_text(detail), id=INFO, disabled=True),
        _blank(),
        Option(heading, id=HEADING, disabled=True),
        *(_update_option(u, kept) for u in detail.updates),
        _blank(),
        Option(history_text(detail), id=HISTORY, disabled=True),
    ]


def _update_option(
    update: UpdateView, kept: "OrderedDict[UpdateView, UpdateOption] | None"
) -> UpdateOption:
    if kept is None:
        return UpdateOption(update)
    option = kept.get(update)
    if option is None:
        option = kept[update] = UpdateOption(update)
        if len(kept) > KEPT_UPDATES:
            kept.popitem(last=False)
    else:
        kept.move_to_end(update)
    return option


class UpdateList(OptionList, SteadyScrollView):
    """The selected action in full; its updates, newest first, are the options to choose.

    One widget of a fixed size for the whole pane, its lines drawn on demand
    (the Line API): a new action is shown with a repaint, no layout. Text
    blocks sized to their content, and a list of updates inside a scrolling
    pane, took two or three layout passes of 15-30 ms each (each
    content-sized widget that changes size asks for another, and so does a
    scroll bar that comes or goes).
    """

    DEFAULT_CSS = """
    UpdateList {
        height: 1fr; max-height: 100%; border: none; padding: 0 1;
        background: transparent; overflow-y: scroll;
        &:focus { border: none; background-tint: transparent 0%; }
        & > .option-list--option-disabled { color: $foreground; }
    }
    """

    sets_own_scroll_bars = True  # OptionList._update_lines does
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """Its length changes with each action, but its size on screen never does (1fr, and a
    scroll bar always there): a new length repaints it and its scroll bar, with no layout."""

    BINDINGS = [
        Binding(
            "enter",
            "correct",
            "Correct update",
            id="update.correct",
            tooltip="Correct the highlighted update; its earlier wording is kept",
        ),
        Binding(
            "delete,backspace",
            "remove",
            "Remove update",
            id="update.remove",
            tooltip="Remove the highlighted update (asks first; ctrl+z brings it back)",
        ),
    ]

    class Chosen(Message):
        def __init__(self, update: UpdateView, *, remove: bool) -> None:
            super().__init__()
            self.update = update
            self.remove = remove

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.updates: tuple[UpdateView, ...] = ()
        self._by_option: dict[str, UpdateView] = {}
        self._kept: OrderedDict[UpdateView, UpdateOption] = OrderedDict()

    def _update_lines(self) -> None:
        """OptionList's own, but an update's height is wrapped once per width, not per show.

        Wrapping is most of the cost of showing an action: an action of fifty
        updates took 15 ms, each time it was shown (a status set, a move back
        to it). A copy of Textual 8's `OptionList._update_lines` with the
        height looked up first; check it on a Textual upgrade.
        """
        if not self.scrollable_content_region:
            return
        line_cache = self._line_cache
        lines = line_cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        if next_index < len(self.options):
            padding = self.get_component_styles("option-list--option").padding
            wrap = width - padding.width
            rules = cast(RulesMap, self.styles)
            for index, option in enumerate(self.options[next_index:], next_index):
                line_cache.index_to_line[index] = len(lines)
                known = option.heights if isinstance(option, UpdateOption) else {}
                height = known.get(wrap)
                if height is None:
                    height = known[wrap] = self._get_visual(option).get_height(rules, wrap)
                line_count = height + option._divider
                line_cache.heights[index] = line_count
                lines.extend([(index, line_no) for line_no in range(line_count)])
        last_divider = self.options and self.options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def show(self, detail: ActionDetail | None, *, same_action: bool) -> None:
        """Show an action in one step; the same action keeps its scroll and highlighted update."""
        kept = self.chosen_update
        scroll_y = self.scroll_y if same_action else 0
        updates = detail.updates if detail else ()
        self.updates = updates
        self._by_option = {str(u.id): u for u in updates}
        self.set_options(detail_options(detail, self._kept))
        if updates:
            ids = [u.id for u in updates]
            first = self.get_option_index(str(updates[0].id))
            at = ids.index(kept.id) if kept is not None and kept.id in ids else 0
            # Without the watcher: it would post OptionHighlighted, which nothing reads.
            self.set_reactive(OptionList.highlighted, first + at)
            if self.has_focus:
                self.scroll_to_highlight()
        if scroll_y:
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        # Tell the screen now, not when this widget's queue next runs dry: a cursor
        # move then paints the table's cursor and this action in one frame.
        self._check_refresh()
        self.vertical_scrollbar._check_refresh()

    @property
    def chosen_update(self) -> UpdateView | None:
        """The highlighted update, if any."""
        if self.highlighted is None:
            return None
        return self._by_option.get(self.options[self.highlighted].id or "")

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Follow the highlight only with focus: a newly shown action starts at its top."""
        if self.has_focus:
            super().scroll_to_highlight(top)

    def on_focus(self) -> None:
        self.scroll_to_highlight()

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
