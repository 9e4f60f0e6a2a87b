"""A committee report of one plan, as plain data: what every report format shows.

`services.report` builds it from the store and `today`; `io.reports` turns it
into Markdown, HTML, a workbook or CSV. The layout follows the delivery
plan's Appendix A that boards already read: the plan, its status key with the
results, then each theme's table of actions with their updates.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from planterm.domain.views import ActionRow, PlanSummary, UpdateView


@dataclass(frozen=True)
class ReportRow:
    """One action and the updates the report shows for it, newest first."""

    action: ActionRow
    updates: tuple[UpdateView, ...]


@dataclass(frozen=True)
class ThemeSection:
    name: str
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True)
class ExceptionGroup:
    """Actions that need the board's attention for one reason (overdue, at risk, ...)."""

    kind: str
    heading: str
    rows: tuple[ActionRow, ...]


@dataclass(frozen=True)
class Report:
    """One plan's report as of `today`.

    `summary` counts the actions in this report (all of the plan's, or one
    agency's); `period` is the period asked for, None meaning the latest
    update of each action; `exceptions` is None unless asked for.
    """

    summary: PlanSummary
    today: date
    period: str | None
    agency: str | None
    sections: tuple[ThemeSection, ...]
    exceptions: tuple[ExceptionGroup, ...] | None = None

    def rows(self) -> Iterator[ReportRow]:
        """Every row, in the plan's order."""
        for section in self.sections:
            yield from section.rows
