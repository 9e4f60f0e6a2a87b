"""A report as CSV: one row per action, for a spreadsheet or a script.

RFC 4180 (comma-separated, double quotes, CRLF line ends), UTF-8 without a
byte-order mark. A cell that begins with = + - @ (or a tab or carriage
return) gets a leading apostrophe, so a spreadsheet opening the file shows
the text rather than running it as a formula (CSV injection). With
`--exceptions-first` a last column names the exceptions each action is in.
"""

import csv
import io

from planterm.domain.report import Report, ReportRow
from planterm.domain.views import status_label, status_symbol
from planterm.io.reports.text import (
    FORMULA_STARTS,
    clean,
    due_text,
    leads_text,
    update_heading,
)

HEADER = ("plan", "theme", "ref", "recommendation", "leads", "owner", "status", "symbol",
          "due", "updates")  # fmt: skip


def inert(text: str) -> str:
    """`text` that no spreadsheet will read as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def render(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    exceptions = _exceptions_by_action(report)
    writer.writerow(HEADER + (("exceptions",) if exceptions is not None else ()))
    for row in report.rows():
        cells = _cells(report, row)
        if exceptions is not None:
            cells.append("; ".join(exceptions.get(row.action.id, [])))
        writer.writerow([inert(clean(cell)) for cell in cells])
    return buffer.getvalue()


def _cells(report: Report, row: ReportRow) -> list[str]:
    action = row.action
    return [
        report.summary.key,
        action.theme,
        action.ref,
        action.text,
        leads_text(action.leads),
        action.owner or "",
        status_label(action.status),
        status_symbol(action.status),
        due_text(action),
        "\n\n".join(f"{update_heading(u)}: {u.body}" for u in row.updates),
    ]


def _exceptions_by_action(report: Report) -> dict[int, list[str]] | None:
    if report.exceptions is None:
        return None
    found: dict[int, list[str]] = {}
    for group in report.exceptions:
        for action in group.rows:
            found.setdefault(action.id, []).append(group.heading)
    return found
