"""The words every report format shares, and user text cleaned for a file.

Keeping them here means a Markdown, HTML, workbook and CSV report of the same
plan say the same thing in the same words.
"""

from datetime import date

from planterm.display import safe, safe_line
from planterm.domain import views
from planterm.domain.report import Report
from planterm.domain.rules import MONTHS
from planterm.domain.views import ActionRow, StatusView, UpdateView
from planterm.io.table_columns import is_due_heading

UNTRIAGED_MEANING = "No status given yet."
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""


def clean(text: str) -> str:
    """User text with line ends as \\n and every other control character made visible.

    A file must never carry ESC or a bidirectional override (a terminal, a
    spreadsheet or a browser would act on it), and XML-based formats reject
    most C0 characters outright.
    """
    return safe(text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    return safe_line(text)


def status_words(status: StatusView | None) -> str:
    """ "G Green", "? Untriaged" (`views.status_words`), on one safe line."""
    return one_line(views.status_words(status))


def status_meaning(status: StatusView | None) -> str:
    return clean(status.meaning) if status else UNTRIAGED_MEANING


def long_date(day: date) -> str:
    """ "15 April 2021", as a board paper dates itself."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | None) -> str:
    return day.isoformat() if day else ""


def due_value(action: ActionRow) -> date | str:
    """The due date; without one, a timescale kept in words ("Ongoing"), else ""."""
    if action.due is not None:
        return action.due
    return next((v for k, v in action.fields.items() if is_due_heading(k) and v.strip()), "")


def due_text(action: ActionRow) -> str:
    """The Due cell of a text format: the date as ISO, or the timescale's words."""
    due = due_value(action)
    return due if isinstance(due, str) else short_date(due)


def report_kind(report: Report) -> str:
    """What this report is: the whole plan's progress, or one agency's return pack."""
    if report.agency:
        return f"Return pack for {one_line(report.agency)}: the actions it leads or owns"
    return "Progress report"


def facts(report: Report) -> list[tuple[str, str]]:
    """The lines under the title: date, plan period, which updates are shown."""
    found = [("Date of report", long_date(report.today))]
    if report.summary.period:
        found.append(("Plan period", one_line(report.summary.period)))
    found.append(("Updates shown", updates_chosen(report)))
    return found


def updates_chosen(report: Report) -> str:
    if report.period:
        return f"those of the period {one_line(report.period)}"
    return "the latest update of each action"


def updates_heading(report: Report) -> str:
    return f"Updates ({one_line(report.period)})" if report.period else "Latest update"


def no_update(report: Report) -> str:
    return f"No update for {one_line(report.period)}." if report.period else "No update yet."


def update_heading(update: UpdateView) -> str:
    """ "2020-01-31 · January 2020 · NW" (`views.update_heading`), on one safe line."""
    return one_line(views.update_heading(update))


def leads_text(names: tuple[str, ...]) -> str:
    return "; ".join(one_line(name) for name in names)
