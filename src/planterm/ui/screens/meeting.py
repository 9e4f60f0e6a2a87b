"""The meeting view: the plan as its delivery report opens, then the exceptions.

`c` swaps the exceptions for what moved in the plan since a snapshot (say the
one sent round before the last meeting); escape swaps them back.
"""

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from planterm.display import first_line, safe_line
from planterm.domain.rules import share
from planterm.domain.snapshot_diff import Side
from planterm.domain.views import PlanSummary, StatusCount, status_symbol, status_words
from planterm.errors import PlantermError
from planterm.services.diff import diff_with_database
from planterm.services.listing import ListFilters, list_actions
from planterm.services.meeting import MeetingReport
from planterm.ui.format import no_files, status_style, status_text
from planterm.ui.screens.dialogs import Ask
from planterm.ui.widgets.change_list import ChangeList
from planterm.ui.widgets.key_footer import KeyFooter
from planterm.ui.widgets.path_suggester import TomlPathSuggester

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
            Text(safe_line(status_words(count.status))),
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
    """Enter on an exception or a change jumps to that action; escape goes back."""

    BINDINGS = [
        Binding("escape,m", "back", "Back", id="meeting.back"),
        Binding("enter", "jump", "Go to action", id="meeting.jump", show=True),
        Binding("c", "changes", "Changes since…", id="meeting.changes",
                tooltip="What moved in this plan since a snapshot: statuses, updates, "
                        "edits, dates, shares"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    MeetingScreen #title { text-style: bold; padding: 0 1; background: $boost; }
    MeetingScreen #summary { padding: 1 1 0 1; height: auto; }
    MeetingScreen #bars { padding: 1 1 0 1; height: auto; }
    MeetingScreen #top { height: auto; max-height: 60%; }
    MeetingScreen #lists, MeetingScreen #changes { height: 1fr; }
    MeetingScreen #changes-title { text-style: bold; padding: 0 1; margin-top: 1; }
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
        with ContentSwitcher(initial="exceptions", id="lists"):
            yield OptionList(*options, id="exceptions")
            with Vertical(id="changes"):
                yield Static(id="changes-title")
                yield ChangeList(id="change-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        exceptions = self.query_one("#exceptions", OptionList)
        exceptions.focus()
        for index, option in enumerate(exceptions.options):
            if not option.disabled:
                exceptions.highlighted = index
                break

    def _target(self, option_id: str | None) -> int | None:
        if option_id is None:
            return None
        return self.targets.get(option_id, self.query_one(ChangeList).targets.get(option_id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        target = self._target(event.option.id)
        if target is not None:
            self.dismiss(target)

    def action_jump(self) -> None:
        shown = self.focused
        if isinstance(shown, OptionList) and shown.highlighted is not None:
            target = self._target(shown.get_option_at_index(shown.highlighted).id)
            if target is not None:
                self.dismiss(target)

    def action_back(self) -> None:
        """From the changes back to the exceptions; from the exceptions back to the plans."""
        lists = self.query_one("#lists", ContentSwitcher)
        if lists.current == "changes":
            lists.current = "exceptions"
            self.query_one("#exceptions", OptionList).focus()
        else:
            self.dismiss(None)

    # ---------------------------------------------------------------- changes

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "changes" and not self.app.backend.files:  # type: ignore[attr-defined]
            return None  # greyed out: a browser tab names no file
        return True

    def on_key(self, event: events.Key) -> None:
        """In a browser tab, the greyed-out key of comparing with a snapshot says why."""
        if self.app.backend.files:  # type: ignore[attr-defined]
            return
        active = self.app.active_bindings.get(event.key)
        if active is not None and active.binding.action == "changes":
            event.stop()
            event.prevent_default()
            self.notify(no_files(active.binding.description), severity="warning", markup=False)

    def action_changes(self) -> None:
        plan = self.report.summary.key
        ask = Ask(
            f"Changes in {plan} since which snapshot?",
            value=f"~/planterm-{plan}-",
            placeholder="a .toml snapshot, e.g. ~/planterm-plan-2021-04-15.toml",
            hint="→ takes the suggested file · enter compares it with now · esc cancels",
            suggester=TomlPathSuggester(),
        )

        def chosen(typed: str | None) -> None:
            if typed and typed.strip():
                self.show_changes(Path(typed.strip()).expanduser())

        self.app.push_screen(ask, chosen)

    @work(exclusive=True, group="changes")
    async def show_changes(self, path: Path) -> None:
        """Compare the snapshot at `path` with the database; a bad file is one notification."""
        backend = self.app.backend  # type: ignore[attr-defined]
        plan = self.report.summary.key
        try:
            diff = await backend.call(
                diff_with_database,
                backend.store,
                path,
                today=backend.today,
                now=backend.now(),
                plan_keys=[plan],
            )
            rows = await backend.call(
                list_actions, backend.store, ListFilters(plan=plan), today=backend.today
            )
        except PlantermError as exc:
            self.notify(safe_line(str(exc)), severity="error", markup=False, timeout=8)
            return
        (found,) = diff.plans
        if found.presence != "both":
            self.notify(
                safe_line(f"{path.name} does not hold plan {plan}: choose a snapshot of it"),
                severity="warning",
                markup=False,
            )
            return
        title = f"Changes since {path.name} ({_day(diff.old)})"
        self.query_one("#changes-title", Static).update(Text(safe_line(title)))
        changes = self.query_one(ChangeList)
        changes.show(found, {row.ref: row.id for row in rows})
        self.query_one("#lists", ContentSwitcher).current = "changes"
        changes.focus()


def _day(side: Side) -> str:
    return side.day.isoformat() if side.dated else f"undated, taken as {side.day}"
