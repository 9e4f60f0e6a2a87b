"""Pick a status: digits 1..n in the scheme's order, each with its meaning."""

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from planterm.display import safe_line
from planterm.domain.schemes import Category
from planterm.domain.views import StatusView
from planterm.ui.format import status_text

ASK_REASON = (Category.AT_RISK, Category.DONE)


@dataclass(frozen=True)
class StatusChoice:
    key: str | None  # None: untriaged
    reason: str | None


class StatusPicker(ModalScreen[StatusChoice | None]):
    """Digits choose; moving to at-risk or done asks for a reason (may stay empty)."""

    AUTO_FOCUS = "OptionList"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker.cancel")]

    DEFAULT_CSS = """
    StatusPicker { align: center middle; }
    StatusPicker > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    StatusPicker OptionList { height: auto; max-height: 14; border: none; }
    StatusPicker #reason-box { height: auto; display: none; }
    StatusPicker.-reason #reason-box { display: block; }
    StatusPicker.-reason OptionList, StatusPicker.-reason #choose-hint { display: none; }
    StatusPicker .hint { color: $text-muted; }
    """

    def __init__(
        self,
        title: str,
        statuses: tuple[StatusView, ...],
        current: str | None,
        *,
        on_choice: Callable[[StatusView | None], None] | None = None,
    ) -> None:
        """`on_choice` is told the status chosen (None: untriaged) before the picker
        closes, so that what it shows is painted in the frame that removes the picker."""
        super().__init__()
        self.title_text = title
        self.statuses = statuses
        self.current = current
        self.chosen: StatusView | None = None
        self.on_choice = on_choice

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(safe_line(self.title_text), style="bold"))
            options = []
            for number, status in enumerate(self.statuses, start=1):
                prompt = Text(f"{number}  ").append_text(status_text(status))
                if status.key == self.current:
                    prompt.append("  (now)", style="dim")
                prompt.append(f"\n   {safe_line(status.meaning)}", style="dim")
                options.append(Option(prompt, id=status.key))
            untriaged = Text("0  ").append_text(status_text(None))
            if self.current is None:
                untriaged.append("  (now)", style="dim")
            options.append(Option(untriaged, id="-untriaged-"))
            yield OptionList(*options)
            yield Static(
                f"1-{len(self.statuses)} or enter to choose, 0 untriaged, esc cancels",
                classes="hint",
                id="choose-hint",
            )
            with Vertical(id="reason-box"):
                yield Label("Reason (kept in the history; may stay empty):")
                yield Input(placeholder="why the status changed", id="reason")
                yield Static("enter saves, esc cancels", classes="hint")

    def on_key(self, event: events.Key) -> None:
        key = event.character or ""
        if self.has_class("-reason") or not key.isdigit():
            return
        number = int(key)
        if number == 0:
            self._choose(None)
        elif 1 <= number <= len(self.statuses):
            self._choose(self.statuses[number - 1])
        event.stop()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        index = event.option_index
        self._choose(self.statuses[index] if index < len(self.statuses) else None)

    def _choose(self, status: StatusView | None) -> None:
        if status is not None and status.category in ASK_REASON and status.key != self.current:
            self.chosen = status
            self.add_class("-reason")
            self.query_one("#reason", Input).focus()
            return
        self._done(status, None)

    @on(Input.Submitted, "#reason")
    def _reason(self, event: Input.Submitted) -> None:
        self._done(self.chosen, event.value.strip() or None)

    def _done(self, status: StatusView | None, reason: str | None) -> None:
        if self.on_choice is not None:
            self.on_choice(status)
        self.dismiss(StatusChoice(status.key if status else None, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)
