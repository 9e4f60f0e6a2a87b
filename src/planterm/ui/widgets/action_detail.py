"""The selected action in full: text, leads, owner, dates, fields, updates, history.

The updates are a list of their own: highlight one and press enter to
correct it, or delete to remove it (its earlier wording stays in the
database).
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from planterm.display import safe, safe_line
from planterm.domain.views import ActionDetail, UpdateView, update_heading
from planterm.ui.format import day, status_text


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


class UpdateList(OptionList):
    """The action's updates, newest first."""

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

    def show(self, updates: tuple[UpdateView, ...]) -> None:
        """List the updates; the highlight stays on the same update when it is still there."""
        kept = None
        if self.highlighted is not None and self.highlighted < len(self.updates):
            kept = self.updates[self.highlighted].id
        self.updates = updates
        # In one step: clearing first would lay the pane out once more, empty.
        self.set_options(Option(update_prompt(u), id=str(u.id)) for u in updates)
        ids = [u.id for u in updates]
        if updates:
            self.highlighted = ids.index(kept) if kept in ids else 0

    def _chosen(self, *, remove: bool) -> None:
        if self.highlighted is not None and self.highlighted < len(self.updates):
            self.post_message(self.Chosen(self.updates[self.highlighted], remove=remove))

    def action_correct(self) -> None:
        self._chosen(remove=False)

    def action_remove(self) -> None:
        self._chosen(remove=True)


class ActionDetailPane(VerticalScroll):
    DEFAULT_CSS = """
    ActionDetailPane { padding: 0 1; }
    ActionDetailPane #info { margin-bottom: 1; }
    ActionDetailPane .heading { text-style: bold; margin-top: 1; }
    ActionDetailPane UpdateList { height: auto; max-height: 24; border: none; padding: 0; }
    ActionDetailPane #history { margin-top: 1; }
    """

    shown_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="info")
        yield Static("Updates", classes="heading", id="updates-heading")
        yield UpdateList(id="updates")
        yield Static(id="history")

    def show(self, detail: ActionDetail | None) -> None:
        """Show an action; a different action starts at the top of the pane."""
        if detail is None or detail.row.id != self.shown_id:
            self.scroll_home(animate=False)
        self.shown_id = detail.row.id if detail else None
        info = self.query_one("#info", Static)
        if detail is None:
            info.update(Text("No action selected.", style="dim"))
            self.query_one(UpdateList).show(())
            self.query_one("#history", Static).update("")
            self.query_one("#updates-heading", Static).update("")
            return
        info.update(info_text(detail))
        count = len(detail.updates)
        heading = Text(f"Updates ({count}), newest first", style="bold")
        if count:
            heading.append("  enter corrects, delete removes", style="dim")
        self.query_one("#updates-heading", Static).update(heading)
        self.query_one(UpdateList).show(detail.updates)
        self.query_one("#history", Static).update(history_text(detail))
