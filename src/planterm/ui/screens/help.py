"""Every key, where it works and what it does."""

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _keys(app: App[object], bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys as the footer writes them, what they do) for each described binding."""
    found = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            keys = ", ".join(
                app.get_key_display(Binding(key.strip(), binding.action))
                for key in binding.key.split(",")
            )
            found.append((keys, binding.tooltip or binding.description))
    return found


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("planterm keys (esc closes)", style="bold"))
            for title, bindings in self.sections:
                table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
                table.add_column(style="bold", width=16)
                table.add_column()
                for keys, description in _keys(self.app, bindings):
                    table.add_row(keys, description)
                yield Static(Text(f"\n{title}", style="bold underline"))
                yield Static(table)
            yield Static(
                Text(
                    "\nStatus is always a symbol and a word (G Green, ? Untriaged), never colour "
                    "alone. The command palette (ctrl+p) offers every action and finds an action "
                    "by ref or words.",
                    style="dim",
                )
            )

    def action_close(self) -> None:
        self.dismiss(None)
