"""One agency's actions across every plan: who owes what."""

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from planterm.display import safe_line
from planterm.services.listing import ListFilters, list_actions
from planterm.services.overview import AgencyView
from planterm.ui.widgets.action_table import ActionTable
from planterm.ui.widgets.key_footer import KeyFooter


class AgencyScreen(Screen[int | None]):
    BINDINGS = [
        Binding("escape,a", "back", "Back", id="agency.back"),
    ]
    DEFAULT_CSS = """
    AgencyScreen #title { text-style: bold; padding: 0 1; background: $boost; }
    AgencyScreen OptionList { width: 36; border: none; border-right: solid $primary; }
    AgencyScreen ActionTable { width: 1fr; }
    """

    def __init__(self, agencies: list[AgencyView]) -> None:
        super().__init__()
        self.agencies = [a for a in agencies if a.actions] or agencies

    def compose(self) -> ComposeResult:
        yield Static("Agency view: who owes what (enter on an action goes to it)", id="title")
        with Horizontal():
            yield OptionList(
                *[
                    Option(Text(f"{safe_line(a.name)} ({a.actions})"), id=str(i))
                    for i, a in enumerate(self.agencies)
                ],
                id="agencies",
            )
            yield ActionTable(id="agency-actions")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#agencies", OptionList).focus()
        if self.agencies:
            self.query_one("#agencies", OptionList).highlighted = 0

    @on(OptionList.OptionHighlighted, "#agencies")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.load(self.agencies[event.option_index].name)

    @on(OptionList.OptionSelected, "#agencies")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(ActionTable).focus()

    @work(exclusive=True, group="agency")
    async def load(self, name: str) -> None:
        backend = self.app.backend  # type: ignore[attr-defined]
        rows = await backend.call(
            list_actions, backend.store, ListFilters(agency=name), today=backend.today
        )
        self.query_one(ActionTable).show(rows, with_plan=True)

    @on(ActionTable.RowSelected, "#agency-actions")
    def _jump(self, event: ActionTable.RowSelected) -> None:
        self.dismiss(event.row.id)

    def action_back(self) -> None:
        self.dismiss(None)
