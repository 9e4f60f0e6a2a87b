"""The meeting view: the plan as its delivery report opens, then the exceptions."""

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from planterm.display import first_line, safe_line
from planterm.domain.rules import share
from planterm.domain.views import PlanSummary, StatusCount, status_label, status_symbol
from planterm.services.meeting import MeetingReport
from planterm.ui.format import status_style, status_text

BAR_WIDTH = 20


def bar(counts: tuple[StatusCount, ...], total: int) -> Text:
    """Shares of each status as a bar of its symbols: readable without colour."""
    text = Text()
    if not total:
        return text
    used = 0
    for i, count in enumerate(counts):
        cells = round(BAR_WIDTH * count.count / total) if i < len(counts) - 1 else BAR_WIDTH - used
        cells = max(0, min(cells, BAR_WIDTH - used))
        if count.count and cells == 0:
            cells = 1 if used < BAR_WIDTH else 0
        text.append(status_symbol(count.status) * cells, style=status_style(count.status))
        used += cells
    return text


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def summary_table(summary: PlanSummary, *, width: int) -> Table:
    """Count and share of each status per theme, with a bar when there is room.

    Wide, each cell is written as the delivery plan writes it ("14/15 (93%)");
    narrow, as "14 (93%)" beside a Total column.
    """
    wide = width >= 110
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=False)
    table.add_column("Theme", overflow="fold", max_width=34 if wide else 18)
    if not wide:
        table.add_column("Total", justify="right")
    for count in summary.counts:
        table.add_column(
            Text(f"{status_symbol(count.status)} {status_label(count.status)}"),
            justify="right",
            max_width=None if wide else 11,
        )
    if wide:
        table.add_column("", no_wrap=True)

    def cells(counts: tuple[StatusCount, ...], total: int) -> list[Text | str]:
        if wide:
            return [share(c.count, total) for c in counts]
        return [f"{c.count} ({round(100 * c.count / total) if total else 0}%)" for c in counts]

    rows = [(Text(safe_line(t.name)), t.counts, t.total) for t in summary.themes]
    rows.append((Text("All themes", style="bold"), summary.counts, summary.total))
    for name, counts, total in rows:
        row: list[Text | str] = [name]
        if not wide:
            row.append(str(total))
        row += cells(counts, total)
        if wide:
            row.append(bar(counts, total))
        table.add_row(*row)
    return table


def bars(summary: PlanSummary) -> Text:
    """One bar per theme, for narrow screens where the table has no room for them."""
    text = Text()
    for theme in summary.themes:
        text.append_text(bar(theme.counts, theme.total))
        text.append(f" {safe_line(theme.name)}\n")
    return text


class MeetingScreen(Screen[int | None]):
    """Enter on an exception jumps to that action; escape goes back."""

    BINDINGS = [
        Binding("escape,m", "back", "Back", id="meeting.back"),
        Binding("enter", "jump", "Go to action", id="meeting.jump", show=True),
    ]
    DEFAULT_CSS = """
    MeetingScreen #title { text-style: bold; padding: 0 1; background: $boost; }
    MeetingScreen #summary { padding: 1 1 0 1; height: auto; }
    MeetingScreen #bars { padding: 1 1 0 1; height: auto; }
    MeetingScreen #top { height: auto; max-height: 60%; }
    MeetingScreen OptionList { height: 1fr; border: none; }
    """

    def __init__(self, report: MeetingReport) -> None:
        super().__init__()
        self.report = report
        self.targets: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        summary = self.report.summary
        title = f"Meeting view · {summary.key}: {summary.title}"
        if summary.period:
            title += f" ({summary.period})"
        yield Static(Text(safe_line(title)), id="title")
        width = self.app.size.width
        with VerticalScroll(id="top"):
            yield Static(summary_table(summary, width=width), id="summary")
            if width < 110:
                yield Static(bars(summary), id="bars")
        options: list[Option] = []
        for kind, heading, rows in self.report.exceptions:
            options.append(Option(Text(f"{heading} ({len(rows)})", style="bold"), disabled=True))
            for row in rows:
                prompt = Text(f"  {safe_line(row.ref):>6}  ").append_text(status_text(row.status))
                if row.due:
                    prompt.append(f"  due {row.due.isoformat()}")
                prompt.append(f"  {_clip(first_line(row.text), 70)}")
                option_id = f"{kind}:{row.id}"
                self.targets[option_id] = row.id
                options.append(Option(prompt, id=option_id))
        yield OptionList(*options, id="exceptions")
        yield Footer()

    def on_mount(self) -> None:
        exceptions = self.query_one("#exceptions", OptionList)
        exceptions.focus()
        for index, option in enumerate(exceptions.options):
            if not option.disabled:
                exceptions.highlighted = index
                break

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in self.targets:
            self.dismiss(self.targets[event.option.id])

    def action_jump(self) -> None:
        exceptions = self.query_one("#exceptions", OptionList)
        if exceptions.highlighted is not None:
            option = exceptions.get_option_at_index(exceptions.highlighted)
            if option.id in self.targets:
                self.dismiss(self.targets[option.id])

    def action_back(self) -> None:
        self.dismiss(None)
