"""Small modals: confirm, ask for one line, export, a report, a new plan."""

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Select, Static

from planterm.display import safe_line
from planterm.domain.schemes import BUILT_IN

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 72; max-width: 100%; height: auto; max-height: 100%;
    border: thick $primary; background: $surface; padding: 0 1;
}}
{name} .title {{ text-style: bold; }}
{name} .hint {{ color: $text-muted; }}
{name} Horizontal {{ height: auto; align-horizontal: right; }}
{name} Button {{ margin-left: 1; }}
"""


class Confirm(ModalScreen[bool]):
    """A yes/no question; y and n answer it too."""

    AUTO_FOCUS = "#no"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="Confirm")

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(safe_line(self.question)))
            with Horizontal():
                yield Button(f"{self.yes} (y)", variant="warning", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class Ask(ModalScreen[str | None]):
    """One line of text: a search, a theme name."""

    AUTO_FOCUS = "Input"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(name="Ask")

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        hint: str = "",
        suggester: Suggester | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint
        self.suggester = suggester

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(safe_line(self.title_text)), classes="title")
            yield Input(placeholder=self.placeholder, suggester=self.suggester)
            yield Static(self.hint or "enter to go, esc cancels", classes="hint")

    def on_mount(self) -> None:
        # Set once mounted, so that the suggester also completes the starting value.
        field = self.query_one(Input)
        field.value = self.value
        field.cursor_position = len(self.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportChoice:
    path: str
    all_plans: bool


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Where to write the snapshot, and of what: this plan or all plans."""

    AUTO_FOCUS = "#path"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(name="ExportDialog")

    def __init__(self, *, plan: str | None, path_for: dict[str, str]) -> None:
        super().__init__()
        self.plan = plan
        self.path_for = path_for  # "plan" / "all" -> suggested path

    def compose(self) -> ComposeResult:
        scopes = [(Text("All plans"), "all")]
        if self.plan is not None:
            scopes.insert(0, (Text(f"This plan: {safe_line(self.plan)}"), "plan"))
        with Vertical():
            yield Label("Export a TOML snapshot", classes="title")
            yield Select(scopes, value=scopes[0][1], allow_blank=False, id="scope")
            yield Input(self.path_for[scopes[0][1]], id="path")
            yield Static(
                "enter writes the file (atomically: the old one or the whole new one), esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#scope")
    def _scope(self, event: Select.Changed) -> None:
        self.query_one("#path", Input).value = self.path_for[str(event.value)]

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            scope = self.query_one("#scope", Select).value
            self.dismiss(ExportChoice(event.value.strip(), scope == "all"))

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ReportChoice:
    path: str
    exceptions_first: bool


REPORT_FORMATS: tuple[tuple[str, str], ...] = (
    ("HTML, to print or send (with a chart)", "html"),
    ("Excel workbook", "xlsx"),
    ("Markdown", "md"),
    ("CSV", "csv"),
)


class ReportDialog(ModalScreen[ReportChoice | None]):
    """The committee report of one plan: its format, where to write it, exceptions first."""

    AUTO_FOCUS = "#path"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="report.cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(name="ReportDialog")

    def __init__(self, *, plan: str, stem: str) -> None:
        super().__init__()
        self.plan = plan
        self.stem = stem  # the path without its suffix

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Committee report of {safe_line(self.plan)}"), classes="title")
            yield Select(
                [(Text(label), fmt) for label, fmt in REPORT_FORMATS],
                value="html",
                allow_blank=False,
                id="format",
            )
            yield Select(
                [
                    (Text("Themes in the plan's order"), "themes"),
                    (Text("Exceptions first (overdue, at risk, no update...), then themes"),
                     "exceptions"),
                ],
                value="themes",
                allow_blank=False,
                id="order",
            )  # fmt: skip
            yield Input(f"{self.stem}.html", id="path")
            yield Static("enter writes the report (atomically), esc cancels", classes="hint")

    @on(Select.Changed, "#format")
    def _format(self, event: Select.Changed) -> None:
        self.query_one("#path", Input).value = f"{self.stem}.{event.value}"

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            first = self.query_one("#order", Select).value == "exceptions"
            self.dismiss(ReportChoice(event.value.strip(), first))

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class NewPlan:
    key: str
    title: str
    issuing_body: str
    scheme: str


class NewPlanDialog(ModalScreen[NewPlan | None]):
    AUTO_FOCUS = "#key"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="newplan.cancel"),
        Binding("ctrl+s", "create", "Create", id="newplan.create", priority=True),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="NewPlanDialog")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("A new plan", classes="title")
            yield Label("Key (short, for the command line)")
            yield Input(placeholder="vawg-2025", id="key")
            yield Label("Title")
            yield Input(id="title")
            yield Label("Issuing body")
            yield Input(id="body")
            yield Label("Status key")
            yield Select(
                [(scheme.name, key) for key, scheme in BUILT_IN.items()],
                value="rag",
                allow_blank=False,
                id="scheme",
            )
            yield Static("ctrl+s creates · esc cancels", classes="hint")

    def action_create(self) -> None:
        value = lambda name: self.query_one(f"#{name}", Input).value.strip()  # noqa: E731
        self.dismiss(
            NewPlan(value("key"), value("title"), value("body"), str(self.query_one(Select).value))
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
