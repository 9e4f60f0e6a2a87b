"""The meeting view: a plan as its delivery report opens, exceptions first."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from planterm.domain.rules import Flag
from planterm.domain.schemes import Category
from planterm.domain.views import ActionRow, PlanSummary
from planterm.services.listing import ListFilters, list_actions
from planterm.services.summary import plan_summaries
from planterm.storage.store import Store

AT_RISK = "at-risk"

EXCEPTIONS: tuple[tuple[str, str], ...] = (
    (Flag.OVERDUE, "Overdue"),
    (Flag.DUE_TO_START, "Due to start"),
    (AT_RISK, "At risk"),
    (Flag.STALE, "No update this quarter"),
    (Flag.UNTRIAGED, "Untriaged"),
)


ExceptionGroups = tuple[tuple[str, str, tuple[ActionRow, ...]], ...]  # (kind, heading, rows)


@dataclass(frozen=True)
class MeetingReport:
    summary: PlanSummary
    exceptions: ExceptionGroups


def meeting_report(store: Store, plan_key: str, *, today: date) -> MeetingReport:
    summary = plan_summaries(store, plan_key)[0]
    rows = list_actions(store, ListFilters(plan=plan_key), today=today)
    return MeetingReport(summary, exception_groups(rows))


def exception_groups(rows: Sequence[ActionRow]) -> ExceptionGroups:
    """The rows that need the board's attention, in `EXCEPTIONS` order; a row may be in several."""
    groups = []
    for kind, heading in EXCEPTIONS:
        if kind == AT_RISK:
            found = [r for r in rows if r.status and r.status.category == Category.AT_RISK]
        else:
            found = [r for r in rows if kind in r.flags]
        groups.append((kind, heading, tuple(found)))
    return tuple(groups)
