"""A report as GitHub-flavoured Markdown, for a wiki page, an email or a repository.

User text is made inert: every character that could start emphasis, code, a
link, an image, raw HTML, an entity, strikethrough or a closing heading mark is
backslash-escaped, `|` cannot end a table cell, and a new line becomes `<br>`.
User text always follows planterm's own words on its line, so it cannot start
a heading, a list or a table either. Markdown has no colour: the symbol and
word carry each status.
"""

import re
from collections.abc import Sequence

from planterm.domain.report import ExceptionGroup, Report, ReportRow
from planterm.domain.rules import share
from planterm.domain.views import PlanSummary
from planterm.io.reports.text import (
    clean,
    due_text,
    facts,
    leads_text,
    no_update,
    report_kind,
    short_date,
    status_meaning,
    status_words,
    update_heading,
    updates_heading,
)

_ACTIVE = re.compile(r"([\\`*_\[\]<>&~|#])")


def inline(text: str) -> str:
    """User text as inert inline Markdown, safe inside a table cell."""
    return "<br>".join(_ACTIVE.sub(r"\\\1", clean(text)).split("\n"))


def render(report: Report) -> str:
    plan = report.summary
    lines = [
        f"# {inline(plan.title)}",
        "",
        f"{inline(report_kind(report))} · issued by {inline(plan.issuing_body)}",
        "",
        *(f"- {label}: {inline(value)}" for label, value in facts(report)),
        "",
        "## Status key and results",
        "",
        *_key(plan),
        "",
        "## Status by theme",
        "",
        *_by_theme(plan),
        "",
    ]
    if report.exceptions is not None:
        lines += ["## Exceptions", ""]
        for group in report.exceptions:
            lines += _exception(group)
    for section in report.sections:
        lines += [f"## {inline(section.name)}", ""]
        if section.rows:
            lines += _actions(report, section.rows)
        else:
            lines.append("No actions in this theme.")
        lines.append("")
    return "\n".join(lines)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [
        f"| {' | '.join(headers)} |",
        f"|{'|'.join('---' for _ in headers)}|",
        *(f"| {' | '.join(cells)} |" for cells in rows),
    ]


def _key(plan: PlanSummary) -> list[str]:
    rows = [
        (
            inline(status_words(c.status)),
            inline(status_meaning(c.status)),
            share(c.count, plan.total),
        )
        for c in plan.counts
    ]
    return _table(("Status", "Meaning", "Number & %"), rows)


def _by_theme(plan: PlanSummary) -> list[str]:
    headers = ("Theme", *(inline(status_words(c.status)) for c in plan.counts), "Actions")
    rows = [
        (inline(theme.name), *(str(c.count) for c in theme.counts), str(theme.total))
        for theme in plan.themes
    ]
    rows.append(("All themes", *(str(c.count) for c in plan.counts), str(plan.total)))
    return _table(headers, rows)


def _exception(group: ExceptionGroup) -> list[str]:
    lines = [f"### {inline(group.heading)} ({len(group.rows)})", ""]
    if not group.rows:
        return [*lines, "None.", ""]
    rows = [
        (
            inline(r.ref),
            inline(r.theme),
            inline(r.text),
            inline(status_words(r.status)),
            inline(due_text(r)),
            short_date(r.last_update),
        )
        for r in group.rows
    ]
    headers = ("Ref", "Theme", "Recommendation", "Status", "Due", "Last update")
    return [*lines, *_table(headers, rows), ""]


def _actions(report: Report, rows: Sequence[ReportRow]) -> list[str]:
    last = inline(updates_heading(report))
    headers = ("Ref", "Recommendation", "Leads", "Owner", "Status", "Due", last)
    return _table(headers, [_action(report, row) for row in rows])


def _action(report: Report, row: ReportRow) -> tuple[str, ...]:
    action = row.action
    updates = [f"**{inline(update_heading(u))}**: {inline(u.body)}" for u in row.updates]
    return (
        inline(action.ref),
        inline(action.text),
        inline(leads_text(action.leads)),
        inline(action.owner or ""),
        inline(status_words(action.status)),
        inline(due_text(action)),
        "<br><br>".join(updates) if updates else f"*{inline(no_update(report))}*",
    )
