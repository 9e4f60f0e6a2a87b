"""What `planterm diff` prints: the changes between two snapshots, as text or JSON."""

from typing import Any

from planterm.cli.output import clip, clip_start, counted, safe_line, width
from planterm.cli.render import iso_date
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
from planterm.domain.utc import utc_text
from planterm.domain.views import (
    StatusView,
    status_label,
    status_symbol,
    status_words,
    update_heading,
)


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
            {"ref": d.ref, "text": d.text, "field": d.field, "old": iso_date(d.before),
             "new": iso_date(d.after)}
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
        "old_after_new": diff.old_after_new,
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


def order_warning(diff: SnapshotDiff, *, against_database: bool) -> str | None:
    """One line when OLD is dated after NEW (then every "became" reads backwards), else None."""
    if not diff.old_after_new:
        return None
    old = f"OLD ({diff.old.source}, {diff.old.day})"
    if against_database:
        return f"{old} is dated after today ({diff.new.day}); is --today the day you mean?"
    new = f"NEW ({diff.new.source}, {diff.new.day})"
    return f"{old} is dated after {new}; were the two files given in the wrong order?"


NAME_ROOM = 16
"""The least room a side's name keeps in the heading, however narrow the terminal."""


def _when(side: Side) -> str:
    return side.day.isoformat() if side.dated else f"undated, taken as {side.day}"


def _share_room(old: int, new: int, room: int) -> tuple[int, int]:
    """Room for two names within `room`: a short one keeps its length, a long one is cut."""
    if old + new <= room:
        return old, new
    half = max(NAME_ROOM, room // 2)
    if old <= half:
        return old, max(NAME_ROOM, room - old)
    if new <= half:
        return max(NAME_ROOM, room - new), new
    return half, max(NAME_ROOM, room - half)


def _heading(diff: SnapshotDiff) -> str:
    """ "Changes from OLD (date) to NEW (date)": the dates whole, the names cut if need be."""
    old_when, new_when = _when(diff.old), _when(diff.new)
    old_name, new_name = safe_line(diff.old.source), safe_line(diff.new.source)
    fixed = len(f"Changes from  ({old_when}) to  ({new_when})")
    old_room, new_room = _share_room(len(old_name), len(new_name), width() - fixed)
    old_shown, new_shown = clip_start(old_name, old_room), clip_start(new_name, new_room)
    return f"Changes from {old_shown} ({old_when}) to {new_shown} ({new_when})"


def _one_side_plan(plan: PlanDiff) -> str:
    """ "Added plan KEY (N actions): title", the count before the title so a cut keeps it."""
    count = plan.actions_after if plan.presence == "added" else plan.actions_before
    line = (
        f"{plan.presence.capitalize()} plan {plan.key} ({counted(count, 'action')}): {plan.title}"
    )
    return clip(line, width())


def _field_text(change: FieldChange) -> str:
    def shown(value: FieldValue) -> str:
        text = ", ".join(value) if isinstance(value, tuple) else value
        return text or "-"

    label = f'field "{change.name}"' if change.field == "fields" else change.field
    before, after = brief_pair(shown(change.before), shown(change.after))
    return f"{label}: {before} → {after}"


def _moved_text(move: StatusMove) -> str:
    line = f"{status_words(move.before)} → {status_words(move.after)}"
    if move.at is None:
        return f"{line} (no history entry)"
    line += f", by {move.by} at {utc_text(move.at)}"
    return f"{line}: {move.reason}" if move.reason else line


def _theme_sections(theme: ThemeDiff) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(ref, what)]) for each kind of change the theme has."""
    return [
        ("Status changes", [(m.ref, _moved_text(m)) for m in theme.status_moves]),
        ("New updates", [
            (u.ref, f"{update_heading(u)}: {u.body}")
            for u in theme.new_updates
        ]),
        ("Added", [(a.ref, f"{status_words(a.status)}  {a.text}") for a in theme.added]),
        ("Removed", [(a.ref, f"{status_words(a.status)}  {a.text}") for a in theme.removed]),
        ("Edited", [(e.ref, _field_text(c)) for e in theme.edited for c in e.changes]),
        ("Dates moved", [
            (d.ref, f"{d.field.replace('_', ' ')}: {iso_date(d.before) or '-'} → "
                    f"{iso_date(d.after) or '-'}")
            for d in theme.dates_moved
        ]),
        ("Became overdue", [
            (f.ref, f"due {f.day}  {status_words(f.status)}  {f.text}")
            for f in theme.became_overdue
        ]),
        ("Became due to start", [
            (f.ref, f"start after {f.day}  {status_words(f.status)}  {f.text}")
            for f in theme.became_due_to_start
        ]),
    ]  # fmt: skip


def _shares_lines(moves: tuple[ShareMove, ...], indent: str) -> list[str]:
    shown = [m for m in moves if m.moved]
    if not shown:
        return []
    size = max(len(safe_line(status_words(m.status))) for m in shown)
    before = max(len(m.before_share) for m in shown)
    lines = [f"{indent}Shares"]
    for m in shown:
        words = safe_line(status_words(m.status)).ljust(size)
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
    lines = [_heading(diff)]
    quiet = []
    for plan in diff.plans:
        if plan.presence != "both":
            lines += ["", _one_side_plan(plan)]
        elif plan.has_changes:
            lines += ["", *_plan_text(plan)]
        else:
            quiet.append(plan.key)
    if quiet:
        lines += ["", clip(f"No changes: {', '.join(quiet)}", width())]
    if not diff.plans:
        lines += ["", "Neither side holds a plan."]
    return "\n".join(lines)
