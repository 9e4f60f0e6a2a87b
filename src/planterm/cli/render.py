"""Views as the command line prints them: JSON objects and plain text."""

from typing import Any

from planterm.cli.output import clip, safe, safe_line, table, width
from planterm.display import brief_pair
from planterm.domain.rules import share
from planterm.domain.snapshot_diff import (
    FieldChange,
    FieldValue,
    PlanDiff,
    ShareMove,
    Side,
    SnapshotDiff,
    StatusMove,
    ThemeDiff,
)
from planterm.domain.views import (
    ActionDetail,
    ActionRow,
    PlanSummary,
    StatusCount,
    StatusView,
    status_label,
    status_symbol,
)


def _date(value: Any) -> str | None:
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
        "due": _date(row.due),
        "start_after": _date(row.start_after),
        "last_update": _date(row.last_update),
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
    shown = [
        f"{status_symbol(c.status)} {status_label(c.status)} {c.count}" for c in counts if c.count
    ]
    return "   ".join(shown) if shown else "no actions"


def plans_text(summaries: list[PlanSummary]) -> str:
    if not summaries:
        return "No plans yet: import one with planterm import FILE.toml"
    rows = [(s.key, str(s.total), _count_words(s.counts), s.title) for s in summaries]
    return table(("PLAN", "ACTIONS", "BY STATUS", "TITLE"), rows)


def rows_text(rows: list[ActionRow]) -> str:
    body = [
        (
            r.plan,
            r.ref,
            f"{status_symbol(r.status)} {status_label(r.status)}",
            _date(r.due) or "",
            _date(r.last_update) or "",
            ", ".join(r.flags),
            r.text,
        )
        for r in rows
    ]
    headers = ("PLAN", "REF", "STATUS", "DUE", "UPDATED", "FLAGS", "TEXT")
    return table(headers, body)


def summary_text(summaries: list[PlanSummary]) -> str:
    blocks = []
    for s in summaries:
        headers = (
            "THEME",
            *(f"{status_symbol(c.status)} {status_label(c.status)}" for c in s.counts),
        )
        rows = [(t.name, *(share(c.count, t.total) for c in t.counts)) for t in s.themes]
        rows.append(("All themes", *(share(c.count, s.total) for c in s.counts)))
        title = f"{s.key}: {s.title}" + (f" ({s.period})" if s.period else "")
        blocks.append(clip(title, width()) + "\n" + table(headers, rows, last_fills=False))
    return "\n\n".join(blocks) if blocks else "No plans yet."


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else "" for line in safe(text).splitlines())


def detail_text(detail: ActionDetail) -> str:
    r = detail.row
    status = f"{status_symbol(r.status)} {status_label(r.status)}"
    if r.status:
        status += f" ({r.status.meaning})"
    lines = [
        safe(f"{r.plan} ref {r.ref}, theme {r.theme}"),
        f"  Status:      {safe(status)}",
        f"  Leads:       {safe(', '.join(r.leads)) or '-'}",
        f"  Owner:       {safe(r.owner or '-')}",
        f"  Due:         {_date(r.due) or '-'}",
        f"  Start after: {_date(r.start_after) or '-'}",
        f"  Flags:       {', '.join(r.flags) or '-'}",
    ]
    lines.extend(f"  {safe(name)}: {safe(value)}" for name, value in r.fields.items())
    lines += ["", "  Text:", _indent(r.text), ""]
    lines.append(f"  Updates ({len(detail.updates)}), newest first:")
    for u in detail.updates:
        head = " · ".join(p for p in (u.date.isoformat(), u.period, u.author) if p)
        lines += [f"  - {safe(head)}", _indent(u.body), ""]
    if not detail.updates:
        lines += ["    none", ""]
    lines.append(f"  Status history ({len(detail.history)}):")
    for h in detail.history:
        change = f"{h.from_key or 'untriaged'} → {h.to_key or 'untriaged'}"
        line = f"{h.at:%Y-%m-%d %H:%M} UTC  {change}  by {h.by}"
        if h.reason:
            line += f": {h.reason}"
        lines.append(f"  - {safe(line)}")
    if not detail.history:
        lines.append("    none")
    return "\n".join(lines)


# ------------------------------------------------------------------- diff


def _status_ref_json(status: StatusView | None) -> dict[str, Any]:
    return {"key": status.key if status else None, "label": status_label(status),
            "symbol": status_symbol(status)}  # fmt: skip


def _share_move_json(move: ShareMove) -> dict[str, Any]:
    def side(count: int, total: int) -> dict[str, Any]:
        return {"count": count, "total": total, "share": share(count, total)}

    return {
        "status": _status_ref_json(move.status),
        "old": side(move.before, move.before_total),
        "new": side(move.after, move.after_total),
        "moved": move.moved,
    }


def _field_json(value: FieldValue) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _theme_diff_json(theme: ThemeDiff) -> dict[str, Any]:
    return {
        "theme": theme.name,
        "changed": theme.has_changes,
        "status_changes": [
            {"ref": m.ref, "text": m.text, "from": _status_ref_json(m.before),
             "to": _status_ref_json(m.after), "at": m.at.isoformat() if m.at else None,
             "by": m.by, "reason": m.reason, "recorded": m.recorded}
            for m in theme.status_moves
        ],
        "new_updates": [
            {"ref": u.ref, "text": u.text, "date": u.date.isoformat(), "period": u.period,
             "author": u.author, "body": u.body}
            for u in theme.new_updates
        ],
        "added": [{"ref": a.ref, "text": a.text, "status": _status_ref_json(a.status)}
                  for a in theme.added],
        "removed": [{"ref": a.ref, "text": a.text, "status": _status_ref_json(a.status)}
                    for a in theme.removed],
        "edited": [
            {"ref": e.ref, "text": e.text, "changes": [
                {"field": c.field, "name": c.name, "old": _field_json(c.before),
                 "new": _field_json(c.after)}
                for c in e.changes
            ]}
            for e in theme.edited
        ],
        "dates_moved": [
            {"ref": d.ref, "text": d.text, "field": d.field, "old": _date(d.before),
             "new": _date(d.after)}
            for d in theme.dates_moved
        ],
        "became_overdue": [
            {"ref": f.ref, "text": f.text, "due": f.day.isoformat(),
             "status": _status_ref_json(f.status)}
            for f in theme.became_overdue
        ],
        "became_due_to_start": [
            {"ref": f.ref, "text": f.text, "start_after": f.day.isoformat(),
             "status": _status_ref_json(f.status)}
            for f in theme.became_due_to_start
        ],
        "shares": [_share_move_json(s) for s in theme.shares],
    }  # fmt: skip


def _plan_change(plan: PlanDiff) -> str:
    if plan.presence != "both":
        return plan.presence
    return "changed" if plan.has_changes else "unchanged"


def diff_json(diff: SnapshotDiff) -> dict[str, Any]:
    """The shape documented in docs/diff.md."""

    def side(s: Side) -> dict[str, Any]:
        return {"source": s.source, "date": s.day.isoformat(), "dated": s.dated}

    return {
        "format": "planterm-diff",
        "version": 1,
        "old": side(diff.old),
        "new": side(diff.new),
        "plans": [
            {
                "plan": p.key,
                "title": p.title,
                "change": _plan_change(p),
                "actions": {"old": p.actions_before, "new": p.actions_after},
                "themes": [_theme_diff_json(t) for t in p.themes],
                "shares": [_share_move_json(s) for s in p.shares],
            }
            for p in diff.plans
        ],
    }


def _status_words(status: StatusView | None) -> str:
    return f"{status_symbol(status)} {status_label(status)}"


def _side_text(side: Side) -> str:
    when = side.day.isoformat() if side.dated else f"undated, taken as {side.day}"
    return f"{side.source} ({when})"


def _field_text(change: FieldChange) -> str:
    def shown(value: FieldValue) -> str:
        text = ", ".join(value) if isinstance(value, tuple) else value
        return text or "-"

    label = f'field "{change.name}"' if change.field == "fields" else change.field
    before, after = brief_pair(shown(change.before), shown(change.after))
    return f"{label}: {before} → {after}"


def _moved_text(move: StatusMove) -> str:
    line = f"{_status_words(move.before)} → {_status_words(move.after)}"
    if move.at is None:
        return f"{line} (no history entry)"
    line += f", by {move.by} at {move.at:%Y-%m-%d %H:%M} UTC"
    return f"{line}: {move.reason}" if move.reason else line


def _theme_sections(theme: ThemeDiff) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(ref, what)]) for each kind of change the theme has."""
    return [
        ("Status changes", [(m.ref, _moved_text(m)) for m in theme.status_moves]),
        ("New updates", [
            (u.ref, " · ".join(p for p in (u.date.isoformat(), u.period, u.author) if p)
             + f": {u.body}")
            for u in theme.new_updates
        ]),
        ("Added", [(a.ref, f"{_status_words(a.status)}  {a.text}") for a in theme.added]),
        ("Removed", [(a.ref, f"{_status_words(a.status)}  {a.text}") for a in theme.removed]),
        ("Edited", [(e.ref, _field_text(c)) for e in theme.edited for c in e.changes]),
        ("Dates moved", [
            (d.ref, f"{d.field.replace('_', ' ')}: {_date(d.before) or '-'} → "
                    f"{_date(d.after) or '-'}")
            for d in theme.dates_moved
        ]),
        ("Became overdue", [
            (f.ref, f"due {f.day}  {_status_words(f.status)}  {f.text}")
            for f in theme.became_overdue
        ]),
        ("Became due to start", [
            (f.ref, f"start after {f.day}  {_status_words(f.status)}  {f.text}")
            for f in theme.became_due_to_start
        ]),
    ]  # fmt: skip


def _shares_lines(moves: tuple[ShareMove, ...], indent: str) -> list[str]:
    shown = [m for m in moves if m.moved]
    if not shown:
        return []
    size = max(len(safe_line(_status_words(m.status))) for m in shown)
    before = max(len(m.before_share) for m in shown)
    lines = [f"{indent}Shares"]
    for m in shown:
        words = safe_line(_status_words(m.status)).ljust(size)
        lines.append(f"{indent}  {words}  {m.before_share.ljust(before)} → {m.after_share}")
    return lines


def _plan_text(plan: PlanDiff) -> list[str]:
    room = width()
    lines = [clip(f"{plan.key}: {plan.title}", room)]
    refs = [ref for t in plan.themes for _, items in _theme_sections(t) for ref, _ in items]
    ref_size = max((len(safe_line(r)) for r in refs), default=1)
    for theme in plan.themes:
        if not theme.has_changes:
            continue
        lines.append("  " + clip(theme.name, room - 2))
        for heading, items in _theme_sections(theme):
            if items:
                lines.append(f"    {heading}")
            for ref, what in items:
                prefix = f"      {safe_line(ref).ljust(ref_size)}  "
                lines.append(prefix + clip(what, room - len(prefix)))
        lines += _shares_lines(theme.shares, "    ")
    overall = _shares_lines(plan.shares, "    ") if len(plan.themes) > 1 else []
    if overall:
        lines += ["  All themes", *overall]
    return lines


def diff_text(diff: SnapshotDiff) -> str:
    """Plan by plan, theme by theme, each kind of change under its heading."""
    lines = [clip(f"Changes from {_side_text(diff.old)} to {_side_text(diff.new)}", width())]
    quiet = []
    for plan in diff.plans:
        count = plan.actions_after if plan.presence == "added" else plan.actions_before
        if plan.presence != "both":
            title = f"{plan.presence.capitalize()} plan {plan.key}: {plan.title}"
            lines += ["", clip(f"{title} ({count} actions)", width())]
        elif plan.has_changes:
            lines += ["", *_plan_text(plan)]
        else:
            quiet.append(plan.key)
    if quiet:
        lines += ["", clip(f"No changes: {', '.join(quiet)}", width())]
    if not diff.plans:
        lines += ["", "Neither side holds a plan."]
    return "\n".join(lines)
