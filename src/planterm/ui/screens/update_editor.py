"""Write an update, or correct one: a multi-line editor with its date and period."""

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from planterm.config import parse_date
from planterm.display import safe_line
from planterm.errors import InputError
from planterm.ui.field_text import kept, shown
from planterm.ui.screens.editor_base import EditorModal


@dataclass(frozen=True)
class UpdateDraft:
    day: date
    period: str
    author: str
    body: str


class UpdateEditor(EditorModal[UpdateDraft]):
    AUTO_FOCUS = "#body"
    DEFAULT_CSS = """
    UpdateEditor TextArea { height: 10; }
    UpdateEditor.-short TextArea { height: 6; }
    """

    def __init__(self, save, *, title: str, initial: UpdateDraft) -> None:  # type: ignore[no-untyped-def]
        super().__init__(save)
        self.title_text = title
        self.initial = initial

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(safe_line(self.title_text)), classes="title")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Date")
                    yield Input(self.initial.day.isoformat(), id="date")
                with Vertical():
                    yield Label("Period")
                    yield Input(shown(self.initial.period, one_line=True), id="period")
                with Vertical():
                    yield Label("Author")
                    yield Input(shown(self.initial.author, one_line=True), id="author")
            yield Label("Update")
            yield TextArea(shown(self.initial.body), id="body", soft_wrap=True)
            yield Static(id="error")
            yield Static("ctrl+s saves · esc cancels · tab moves between fields", classes="hint")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 30, "-short")
        self.query_one("#body", TextArea).focus()

    def _value(self, name: str) -> str:
        """What the field `name` gives: the stored text if left as it opened."""
        raw = {"period": self.initial.period, "author": self.initial.author}[name]
        return kept(self.query_one(f"#{name}", Input).value, raw, one_line=True)

    def _body(self) -> str:
        return kept(self.query_one("#body", TextArea).text, self.initial.body)

    def draft(self) -> UpdateDraft:
        day = parse_date(self.query_one("#date", Input).value, source="Date")
        body = self._body()
        if not body.strip():
            raise InputError("an update needs some text", where="Update")
        return UpdateDraft(day, self._value("period").strip(), self._value("author").strip(), body)

    def changed(self) -> bool:
        return (
            self._body() != self.initial.body
            or self.query_one("#date", Input).value.strip() != self.initial.day.isoformat()
            or self._value("period") != self.initial.period
            or self._value("author") != self.initial.author
        )
