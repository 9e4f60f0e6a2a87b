"""A report as one self-contained, printable HTML page.

Everything is inline: the styles (with print rules for A4 landscape), the
chart (SVG); there is no script, no link, no image or font to fetch, so the
file opens the same offline, in an email or from a board pack. Every piece of
user text is HTML-escaped (with its control characters made visible); a
status colour reaches the page only as a checked `#rrggbb`, and each status
is also written as its symbol and word.
"""

from html import escape

from planterm.domain.report import ExceptionGroup, Report, ReportRow
from planterm.domain.rules import share
from planterm.domain.views import PlanSummary, StatusView
from planterm.io.reports.chart import status_chart
from planterm.io.reports.colours import ink_on, status_colour
from planterm.io.reports.text import (
    clean,
    due_text,
    facts,
    leads_text,
    long_date,
    no_update,
    one_line,
    report_kind,
    short_date,
    status_meaning,
    status_words,
    update_heading,
    updates_heading,
)

STYLE = """
:root { color-scheme: light; }
body { font: 10.5pt/1.4 system-ui, "Segoe UI", Arial, sans-serif; color: #1a1a1a;
       background: #ffffff; max-width: 80rem; margin: 1.5rem auto; padding: 0 1rem; }
header { border-bottom: 3px solid #1a1a1a; padding-bottom: .6rem; }
.issuer { text-transform: uppercase; letter-spacing: .04em; font-size: 9pt; margin: 0; }
h1 { font-size: 17pt; margin: .2rem 0; }
.kind { font-size: 12pt; font-weight: 600; margin: .2rem 0 .4rem; }
.facts { margin: 0; display: grid; grid-template-columns: max-content auto; gap: 0 .8rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
h2 { font-size: 13pt; margin: 1.4rem 0 .5rem; border-bottom: 1px solid #1a1a1a; }
h3 { font-size: 11pt; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; }
th, td { border: 1px solid #8a8a8a; padding: .25rem .4rem; text-align: left;
         vertical-align: top; }
thead th { background: #e8e8e8; white-space: nowrap; }
.num, .ref, .due, .status { white-space: nowrap; width: 1%; }
.num { text-align: right; }
.text { white-space: pre-line; }
.status-chip { display: inline-block; padding: 0 .35rem; border: 1px solid #333333;
               border-radius: .2rem; font-weight: 600; }
.update + .update { margin-top: .5rem; }
.update-head { font-weight: 600; }
.none { font-style: italic; }
.chart { max-width: 100%; height: auto; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  .chart { width: 150mm; }
  tr, .chart { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""


def render(report: Report) -> str:
    plan = report.summary
    title = f"{plan.title} – {report_kind(report)}, {long_date(report.today)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="planterm">',
        f"<title>{_text(one_line(title))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<p class="issuer">{_text(plan.issuing_body)}</p>',
        f"<h1>{_text(plan.title)}</h1>",
        f'<p class="kind">{_text(report_kind(report))}</p>',
        '<dl class="facts">',
        *(f"<dt>{_text(label)}</dt><dd>{_text(value)}</dd>" for label, value in facts(report)),
        "</dl>",
        "</header>",
        "<section>",
        "<h2>Status key and results</h2>",
        _key(plan),
        "<h3>Status by theme</h3>",
        status_chart(plan) or '<p class="none">No actions.</p>',
        "</section>",
    ]
    if report.exceptions is not None:
        parts += ["<section>", "<h2>Exceptions</h2>"]
        parts += [_exception(group) for group in report.exceptions]
        parts.append("</section>")
    for section in report.sections:
        parts += ["<section>", f"<h2>{_text(section.name)}</h2>"]
        if section.rows:
            parts.append(_actions(report, section.rows))
        else:
            parts.append('<p class="none">No actions in this theme.</p>')
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _text(text: str) -> str:
    return escape(clean(text), quote=True)


def _chip(status: StatusView | None) -> str:
    """A status as its symbol and word, on its colour when it has one."""
    colour = status_colour(status)
    style = f' style="background-color:{colour};color:{ink_on(colour)}"' if colour else ""
    meaning = _text(status_meaning(status))
    words = _text(status_words(status))
    return f'<span class="status-chip"{style} title="{meaning}">{words}</span>'


def _key(plan: PlanSummary) -> str:
    rows = "".join(
        f'<tr><td class="status">{_chip(c.status)}</td>'
        f'<td class="text">{_text(status_meaning(c.status))}</td>'
        f'<td class="num">{share(c.count, plan.total)}</td></tr>'
        for c in plan.counts
    )
    return (
        "<table><thead><tr><th>Status</th><th>Meaning</th><th>Number &amp; %</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _exception(group: ExceptionGroup) -> str:
    heading = f"<h3>{_text(group.heading)} ({len(group.rows)})</h3>"
    if not group.rows:
        return f'{heading}<p class="none">None.</p>'
    rows = "".join(
        f'<tr><td class="ref">{_text(r.ref)}</td><td class="text">{_text(r.theme)}</td>'
        f'<td class="text">{_text(r.text)}</td><td class="status">{_chip(r.status)}</td>'
        f'<td class="due">{_text(due_text(r))}</td>'
        f'<td class="due">{short_date(r.last_update)}</td></tr>'
        for r in group.rows
    )
    return (
        f"{heading}<table><thead><tr><th>Ref</th><th>Theme</th><th>Recommendation</th>"
        "<th>Status</th><th>Due</th><th>Last update</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _actions(report: Report, rows: tuple[ReportRow, ...]) -> str:
    head = (
        "<tr><th>Ref</th><th>Recommendation</th><th>Leads</th><th>Owner</th><th>Status</th>"
        f"<th>Due</th><th>{_text(updates_heading(report))}</th></tr>"
    )
    body = "\n".join(_action(report, row) for row in rows)
    return f"<table><thead>{head}</thead><tbody>\n{body}\n</tbody></table>"


def _action(report: Report, row: ReportRow) -> str:
    action = row.action
    updates = (
        "".join(
            f'<div class="update"><div class="update-head">{_text(update_heading(u))}</div>'
            f'<div class="text">{_text(u.body)}</div></div>'
            for u in row.updates
        )
        or f'<p class="none">{_text(no_update(report))}</p>'
    )
    return (
        f'<tr><td class="ref">{_text(action.ref)}</td>'
        f'<td class="text">{_text(action.text)}</td>'
        f'<td class="text">{_text(leads_text(action.leads))}</td>'
        f'<td class="text">{_text(action.owner or "")}</td>'
        f'<td class="status">{_chip(action.status)}</td>'
        f'<td class="due">{_text(due_text(action))}</td>'
        f"<td>{updates}</td></tr>"
    )
