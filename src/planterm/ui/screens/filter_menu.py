"""Choose filters: the date flags, a status, an agency. They combine."""

from dataclasses import dataclass, field, replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Select, Static
from textual.widgets.option_list import Option

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


class FlagList(OptionList):
    """The date flags, each ticked or not with a symbol (not colour): space toggles."""

    BINDINGS = [Binding("space,enter", "tick", "Tick", id="filters.tick")]

    def __init__(self, chosen: set[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.chosen = chosen
        self._fill()

    def _fill(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(f"{'☑' if flag in self.chosen else '☐'} {FLAG_NAMES[flag]}", id=flag)
            for flag in Flag.ALL
        )
        self.highlighted = highlighted if highlighted is not None else 0

    def select(self, flag: str) -> None:
        self.chosen.add(flag)
        self._fill()

    def action_tick(self) -> None:
        if self.highlighted is None:
            return
        flag = Flag.ALL[self.highlighted]
        self.chosen ^= {flag}
        self._fill()


@dataclass(frozen=True)
class FilterChoices:
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (label, word)
    agencies: list[str] = field(default_factory=list)


class FilterMenu(ModalScreen[Filters | None]):
    AUTO_FOCUS = "FlagList"
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
    FilterMenu FlagList { height: auto; border: none; }
    FilterMenu .hint { color: $text-muted; }
    """

    def __init__(self, current: Filters, choices: FilterChoices) -> None:
        super().__init__()
        self.current = current
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Filters (they combine)", style="bold"))
            yield FlagList(set(self.current.flags), id="flags")
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
        flags = frozenset(self.query_one(FlagList).chosen)
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
