"""Views as the command line prints them: JSON objects and plain text."""

from datetime import date
from typing import Any

from planterm.cli.output import clip, safe, table, width
from planterm.domain.rules import share
from planterm.domain.utc import utc_text
from planterm.domain.views import (
    ActionDetail,
    ActionRow,
    PlanSummary,
    StatusCount,
    StatusView,
    status_label,
    status_symbol,
    status_words,
    update_heading,
)


def iso_date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def status_json(status: StatusView) -> dict[str, Any]:
    return {
        "key": status.key,
        "label": status.label,
        "symbol": status.symbol,
        "category": str(status.category),
        "meaning": status.meaning,
    }


def row_json(row: ActionRow) -> dict[str, Any]:
    return {
        "plan": row.plan,
        "theme": row.theme,
        "ref": row.ref,
        "text": row.text,
        "leads": list(row.leads),
        "owner": row.owner,
        "status": row.status.key if row.status else None,
        "status_label": status_label(row.status),
        "status_symbol": status_symbol(row.status),
        "due": iso_date(row.due),
        "start_after": iso_date(row.start_after),
        "last_update": iso_date(row.last_update),
        "update_count": row.update_count,
        "flags": list(row.flags),
        "fields": dict(row.fields),
    }


def detail_json(detail: ActionDetail) -> dict[str, Any]:
    data = row_json(detail.row)
    data["created_at"] = detail.created_at.isoformat()
    data["modified_at"] = detail.modified_at.isoformat()
    data["updates"] = [
        {"date": u.date.isoformat(), "period": u.period, "author": u.author, "body": u.body}
        for u in detail.updates
    ]
    data["history"] = [
        {
            "from": h.from_key,
            "to": h.to_key,
            "at": h.at.isoformat(),
            "by": h.by,
            "reason": h.reason,
        }
        for h in detail.history
    ]
    return data


def _counts_json(counts: tuple[StatusCount, ...], total: int) -> dict[str, Any]:
    return {
        (c.status.key if c.status else "untriaged"): {
            "count": c.count,
            "percent": round(100 * c.count / total) if total else 0,
            "share": share(c.count, total),
        }
        for c in counts
    }


def plan_json(summary: PlanSummary) -> dict[str, Any]:
    return {
        "key": summary.key,
        "title": summary.title,
        "issuing_body": summary.issuing_body,
        "period": summary.period,
        "actions": summary.total,
        "themes": len(summary.themes),
        "counts": {(c.status.key if c.status else "untriaged"): c.count for c in summary.counts},
    }


def summary_json(summary: PlanSummary) -> dict[str, Any]:
    return {
        "plan": summary.key,
        "title": summary.title,
        "period": summary.period,
        "scheme": summary.scheme_name,
        "statuses": [status_json(s) for s in summary.statuses],
        "total": summary.total,
        "counts": _counts_json(summary.counts, summary.total),
        "themes": [
            {"theme": t.name, "total": t.total, "counts": _counts_json(t.counts, t.total)}
            for t in summary.themes
        ],
    }


def _count_words(counts: tuple[StatusCount, ...]) -> str:
    shown = [f"{status_words(c.status)} {c.count}" for c in counts if c.count]
    return "   ".join(shown) if shown else "no actions"


def plans_text(summaries: list[PlanSummary]) -> str:
    if not summaries:
        return "No plans yet: import one with planterm import FILE.toml"
    rows = [(s.key, str(s.total), _count_words(s.counts), s.title) for s in summaries]
    return table(("PLAN", "ACTIONS", "BY STATUS", "TITLE"), rows)


def rows_text(rows: list[ActionRow]) -> str:
    # a long list repeats a few statuses and flag sets: word each once
    statuses: dict[int, str] = {}
    flags: dict[tuple[str, ...], str] = {}
    for r in rows:
        if id(r.status) not in statuses:
            statuses[id(r.status)] = status_words(r.status)
        if r.flags not in flags:
            flags[r.flags] = ", ".join(r.flags)
    days: dict[date | None, str] = {None: ""}

    def iso(day: date | None) -> str:
        try:
            return days[day]
        except KeyError:
            assert day is not None
            text = days[day] = day.isoformat()
            return text

    body = [
        (
            r.plan,
            r.ref,
            statuses[id(r.status)],
            iso(r.due),
            iso(r.last_update),
            flags[r.flags],
            r.text,
        )
        for r in rows
    ]
    headers = ("PLAN", "REF", "STATUS", "DUE", "UPDATED", "FLAGS", "TEXT")
    return table(headers, body)


def summary_text(summaries: list[PlanSummary]) -> str:
    blocks = []
    for s in summaries:
        headers = ("THEME", *(status_words(c.status) for c in s.counts))
        rows = [(t.name, *(share(c.count, t.total) for c in t.counts)) for t in s.themes]
        rows.append(("All themes", *(share(c.count, s.total) for c in s.counts)))
        title = f"{s.key}: {s.title}" + (f" ({s.period})" if s.period else "")
        blocks.append(clip(title, width()) + "\n" + table(headers, rows, last_fills=False))
    return "\n\n".join(blocks) if blocks else "No plans yet."


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else "" for line in safe(text).splitlines())


def detail_text(detail: ActionDetail) -> str:
    r = detail.row
    status = status_words(r.status)
    if r.status:
        status += f" ({r.status.meaning})"
    lines = [
        safe(f"{r.plan} ref {r.ref}, theme {r.theme}"),
        f"  Status:      {safe(status)}",
        f"  Leads:       {safe(', '.join(r.leads)) or '-'}",
        f"  Owner:       {safe(r.owner or '-')}",
        f"  Due:         {iso_date(r.due) or '-'}",
        f"  Start after: {iso_date(r.start_after) or '-'}",
        f"  Flags:       {', '.join(r.flags) or '-'}",
    ]
    lines.extend(f"  {safe(name)}: {safe(value)}" for name, value in r.fields.items())
    lines += ["", "  Text:", _indent(r.text), ""]
    lines.append(f"  Updates ({len(detail.updates)}), newest first:")
    for u in detail.updates:
        lines += [f"  - {safe(update_heading(u))}", _indent(u.body), ""]
    if not detail.updates:
        lines += ["    none", ""]
    lines.append(f"  Status history ({len(detail.history)}):")
    for h in detail.history:
        change = f"{h.from_key or 'untriaged'} → {h.to_key or 'untriaged'}"
        line = f"{utc_text(h.at)}  {change}  by {h.by}"
        if h.reason:
            line += f": {h.reason}"
        lines.append(f"  - {safe(line)}")
    if not detail.history:
        lines.append("    none")
    return "\n".join(lines)
