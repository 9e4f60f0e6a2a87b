"""Committee reports: one plan as the board reads it, in a file to send round.

`build_report` gathers the plan, its actions (all, or one agency's) and the
updates to show into a `Report`; `render_report` turns it into one of the
formats of `planterm.io.reports`; `write_report` saves it atomically, never
over the database. The counts, the exceptions and the share wording come from
the same code as the `summary` and `list` commands and the meeting view.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlmodel import col, select

from planterm.domain.models import Action, Update
from planterm.domain.report import ExceptionGroup, Report, ReportRow, ThemeSection
from planterm.domain.rules import Flag, Quarter, same_period
from planterm.domain.views import ActionRow, PlanSummary, StatusCount, ThemeSummary, UpdateView
from planterm.errors import InputError, NotFoundError
from planterm.io import reports
from planterm.services import catalog
from planterm.services.listing import ListFilters, list_actions
from planterm.services.meeting import exception_groups
from planterm.services.output_file import write_output_file
from planterm.services.summary import plan_summaries
from planterm.storage.store import Store

FORMATS = reports.FORMATS
_SUFFIXES = {".md": "md", ".markdown": "md", ".txt": "md", ".html": "html", ".htm": "html",
             ".xlsx": "xlsx", ".csv": "csv"}  # fmt: skip


def report_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one `output`'s suffix names, else Markdown.

    A suffix that names no format (`r.pdf`) is refused rather than filled with
    Markdown; a workbook is refused without a file: it is binary, not for a
    terminal.
    """
    named = _SUFFIXES.get(output.suffix.lower()) if output else None
    if fmt is None and output is not None and output.suffix and named is None:
        raise InputError(
            f"a report cannot be written as {output.suffix}",
            where=str(output),
            hint="end the file .md, .html, .xlsx or .csv, or give --format",
        )
    chosen = (fmt or named or "md").lower()
    if chosen not in FORMATS:
        raise InputError(f"no report format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if chosen == "xlsx" and output is None:
        raise InputError(
            "a workbook is binary and is not printed to the terminal", hint="add -o FILE.xlsx"
        )
    return chosen


def build_report(
    store: Store,
    plan_key: str,
    *,
    today: date,
    period: str | None = None,
    agency: str | None = None,
    exceptions_first: bool = False,
) -> Report:
    """The report of one plan as of `today`.

    `period` picks the updates shown: those labelled with it (case-blind), or
    dated in the quarter it names ("Q3 2019-20", "October - December 2019");
    without it, the latest update of each action. `agency` (a name or alias)
    keeps the actions it leads or owns, as `list --agency` does.
    """
    plan = plan_summaries(store, plan_key)[0]
    agency_name = _agency_name(store, agency) if agency is not None else None
    actions = list_actions(store, ListFilters(plan=plan.key, agency=agency_name), today=today)
    updates = _updates_by_action(store, plan.key)
    if period is not None:
        _check_period(period, updates, plan_key=plan.key, today=today)
    by_theme: dict[str, list[ReportRow]] = defaultdict(list)
    for action in actions:
        shown = _updates_shown(updates.get(action.id, []), period)
        by_theme[action.theme].append(ReportRow(action, shown))
    sections = tuple(
        ThemeSection(theme.name, tuple(by_theme[theme.name]))
        for theme in plan.themes
        if agency_name is None or by_theme[theme.name]
    )
    return Report(
        summary=_counted(plan, sections),
        today=today,
        period=period.strip() if period is not None else None,
        agency=agency_name,
        sections=sections,
        exceptions=_exceptions(actions, today) if exceptions_first else None,
    )


def render_report(report: Report, fmt: str) -> str | bytes:
    return reports.render(report, fmt)


def report_to_file(
    store: Store, plan_key: str, path: Path, *, today: date, exceptions_first: bool = False
) -> Path:
    """Build, render and write one plan's report; the format is the file's suffix."""
    fmt = report_format(None, path)
    report = build_report(store, plan_key, today=today, exceptions_first=exceptions_first)
    return write_report(store, path, render_report(report, fmt))


def write_report(store: Store, path: Path, content: str | bytes) -> Path:
    return write_output_file(
        store, path, content, what="a report", example="~/planterm-report.html"
    )


def _agency_name(store: Store, name: str) -> str:
    with store.read() as session:
        return catalog.agency_by_name(session, name).name


def _updates_by_action(store: Store, plan_key: str) -> dict[int, list[UpdateView]]:
    """Every update of the plan that is not removed, newest first, by action id."""
    with store.read() as session:
        plan = catalog.plan_by_key(session, plan_key)
        found = session.exec(
            select(Update)
            .where(
                col(Update.action_id).in_(select(Action.id).where(Action.plan_id == plan.id)),
                col(Update.removed_at).is_(None),
            )
            .order_by(col(Update.date).desc(), col(Update.id).desc())
        )
        updates: dict[int, list[UpdateView]] = defaultdict(list)
        for u in found:
            updates[u.action_id].append(UpdateView(u.id or 0, u.date, u.period, u.author, u.body))
        return updates


def _check_period(
    period: str, updates: dict[int, list[UpdateView]], *, plan_key: str, today: date
) -> None:
    """A label that is no quarter and no update's period is most likely a typo.

    A quarter is always accepted: a quarter nobody has reported on yet is a
    report worth sending (a return pack to fill in).
    """
    if Quarter.parse(period) is not None:
        return
    labels = sorted({u.period for found in updates.values() for u in found if u.period})
    if any(same_period(period, label) for label in labels):
        return
    quarter = Quarter.containing(today).label
    raise NotFoundError(
        f"no update of plan {plan_key} has the period {period!r}",
        hint=f"{catalog.suggestion(period, labels, kind='period')} (or give a quarter: {quarter})",
    )


def _updates_shown(updates: Sequence[UpdateView], period: str | None) -> tuple[UpdateView, ...]:
    if period is None:
        return tuple(updates[:1])
    quarter = Quarter.parse(period)
    return tuple(
        u
        for u in updates
        if (u.period is not None and same_period(u.period, period))
        or (quarter is not None and u.date in quarter)
    )


def _counted(plan: PlanSummary, sections: Sequence[ThemeSection]) -> PlanSummary:
    """The plan's summary counting only the actions in `sections`.

    Counted from the rows the report prints, so its numbers always agree with
    its tables; for a whole plan it equals `plan_summaries`.
    """

    def counts(rows: Sequence[ReportRow]) -> tuple[StatusCount, ...]:
        found = Counter(r.action.status.key if r.action.status else None for r in rows)
        by_status = [StatusCount(s, found[s.key]) for s in plan.statuses]
        return (*by_status, StatusCount(None, found[None]))

    every = [row for section in sections for row in section.rows]
    return replace(
        plan,
        total=len(every),
        counts=counts(every),
        themes=tuple(ThemeSummary(s.name, len(s.rows), counts(s.rows)) for s in sections),
    )


def _exceptions(actions: Sequence[ActionRow], today: date) -> tuple[ExceptionGroup, ...]:
    quarter = Quarter.containing(today).label
    groups = []
    for kind, heading, rows in exception_groups(actions):
        if kind == Flag.STALE:
            heading = f"{heading}, {quarter}"
        groups.append(ExceptionGroup(kind, heading, rows))
    return tuple(groups)
