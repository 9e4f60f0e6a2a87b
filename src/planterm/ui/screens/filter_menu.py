"""Choose filters: the date flags, a status, an agency. They combine."""

from dataclasses import dataclass, field, replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select, SelectionList, Static

from planterm.display import safe_line
from planterm.domain.rules import Flag

FLAG_NAMES = {
    Flag.OVERDUE: "Overdue: due before today and not done",
    Flag.SEQUENTIAL: "Sequential: deferred, or not to start yet",
    Flag.DUE_TO_START: "Due to start: its start date has come, still not started",
    Flag.STALE: "Stale: no update this quarter",
    Flag.UNTRIAGED: "Untriaged: no status yet",
}


@dataclass(frozen=True)
class Filters:
    flags: frozenset[str] = frozenset()
    status: str | None = None
    agency: str | None = None
    search: str | None = None

    def __bool__(self) -> bool:
        return bool(self.flags or self.status or self.agency or self.search)

    def describe(self) -> list[str]:
        parts = [f for f in Flag.ALL if f in self.flags]
        if self.status:
            parts.append(f"status {self.status}")
        if self.agency:
            parts.append(f"agency {self.agency}")
        if self.search:
            parts.append(f"search “{self.search}”")
        return parts

    def toggled(self, flag: str) -> "Filters":
        return replace(self, flags=self.flags ^ {flag})


@dataclass(frozen=True)
class FilterChoices:
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (label, word)
    agencies: list[str] = field(default_factory=list)


class FilterMenu(ModalScreen[Filters | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        Binding("ctrl+s,f10", "apply", "Apply", id="filters.apply", priority=True),
    ]
    DEFAULT_CSS = """
    FilterMenu { align: center middle; }
    FilterMenu > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FilterMenu SelectionList { height: auto; border: none; }
    FilterMenu .hint { color: $text-muted; }
    """

    def __init__(self, current: Filters, choices: FilterChoices) -> None:
        super().__init__()
        self.current = current
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Filters (they combine)", style="bold"))
            yield SelectionList[str](
                *[(FLAG_NAMES[f], f, f in self.current.flags) for f in Flag.ALL], id="flags"
            )
            yield Label("Status")
            yield Select(
                [(Text(safe_line(label)), word) for label, word in self.choices.statuses],
                value=self.current.status or Select.NULL,
                prompt="any status",
                id="status",
            )
            yield Label("Agency (lead or owner)")
            yield Select(
                [(Text(safe_line(name)), name) for name in self.choices.agencies],
                value=self.current.agency or Select.NULL,
                prompt="any agency",
                id="agency",
            )
            yield Static("space ticks a flag · ctrl+s applies · esc cancels", classes="hint")

    def action_apply(self) -> None:
        flags = frozenset(self.query_one("#flags", SelectionList).selected)
        status = self.query_one("#status", Select).value
        agency = self.query_one("#agency", Select).value
        self.dismiss(
            replace(
                self.current,
                flags=flags,
                status=None if status is Select.NULL else str(status),
                agency=None if agency is Select.NULL else str(agency),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
