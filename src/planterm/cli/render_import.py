"""What `planterm import` prints: a table's dry run, and what a merge took in."""

import shlex
from typing import Any

from planterm.cli.output import clip, counted, safe_line, width
from planterm.domain.utc import utc_text
from planterm.domain.views import status_words, update_heading
from planterm.io.snapshot import HistoryDoc, SchemeDoc, UpdateDoc
from planterm.services.merge_plan import Conflict, MergePlan, PlanMerge


def table_reading_text(reading: Any, *, replace: bool = False) -> str:
    """What a dry run of a table import found: the plan, its columns, notes and problems."""
    plan = reading.doc.plans[0]
    actions = reading.doc.actions
    updates = sum(len(a.updates) for a in actions)
    triaged = sum(a.status is not None for a in actions)
    lines = [
        safe_line(f"would {'replace' if replace else 'import'} {plan.key}: {plan.title}"),
        "  " + safe_line(f"from     {reading.source}"),
        "  " + safe_line(f"issued by {plan.issuing_body}"),
        "  " + safe_line(f"key      {reading.scheme_note}"),
        "  columns  "
        + safe_line(
            ", ".join(
                ("(no header)" if c.unheaded else c.header)
                + f" → {c.role}"
                + (f" ({c.label})" if c.label else "")
                for c in reading.columns
            )
        ),
        f"  {counted(len(plan.themes), 'theme')}, {counted(len(actions), 'action')}, "
        f"{counted(updates, 'update')}, "
        f"{triaged} with a status ({len(actions) - triaged} untriaged)",
    ]
    for theme in plan.themes:
        refs = [a.ref for a in actions if a.theme == theme.name]
        lines.append("    " + safe_line(f"{theme.name}: {', '.join(refs)}"))
    if reading.new_agencies:
        lines.append("  " + safe_line(f"new agencies: {'; '.join(reading.new_agencies)}"))
    if reading.notes:
        lines.append("  notes:")
        lines.extend(
            "    " + safe_line(f"{reading.where(row)}: {note}") for row, note in reading.notes
        )
    if reading.problems:
        lines.append("  could not read:")
        lines.extend(
            "    " + safe_line(f"{reading.where(row)}: {p}") for row, p in reading.problems
        )
    return "\n".join(lines)


def _status_words(scheme: SchemeDoc, key: str | None) -> str:
    """A status key as the plan shows it: its symbol and its word (the key if not in it)."""
    found = next((status for status in scheme.statuses if status.key == key), None)
    return key if found is None and key is not None else status_words(found)


def _change_json(change: HistoryDoc) -> dict[str, Any]:
    return {
        "at": change.at.isoformat(),
        "from": change.from_,
        "to": change.to,
        "by": change.by,
        "reason": change.reason,
    }


def _update_json(ref: str, update: UpdateDoc) -> dict[str, Any]:
    return {
        "ref": ref,
        "date": update.date.isoformat(),
        "period": update.period,
        "author": update.author,
        "body": update.body,
    }


def settle_commands(plan_key: str, conflict: Conflict) -> list[str]:
    """How to take their side of a conflict; keeping ours needs nothing."""
    steps = []
    if conflict.changes:
        steps.append(f'edit it in the app (ctrl+p "{plan_key} {conflict.ref}", enter, e)')
    if conflict.status_differs:
        words = (plan_key, conflict.ref, conflict.their_status or "untriaged")
        steps.append("planterm set-status " + " ".join(shlex.quote(w) for w in words))
    return steps


def _conflict_json(plan_key: str, conflict: Conflict) -> dict[str, Any]:
    return {
        "ref": conflict.ref,
        "fields": [
            {"field": c.field, "ours": c.ours, "theirs": c.theirs} for c in conflict.changes
        ],
        "status": {"ours": conflict.our_status, "theirs": conflict.their_status},
        "their_status_changes": [_change_json(h) for h in conflict.their_history],
        "their_status_changes_recorded": conflict.history_recorded,
        "newer": conflict.newer,
        "to_take_theirs": settle_commands(plan_key, conflict),
    }


def merge_json(plan: MergePlan, *, dry_run: bool) -> dict[str, Any]:
    return {
        "source": plan.source,
        "dry_run": dry_run,
        "agencies_added": list(plan.agencies_added),
        "aliases_added": [{"agency": a, "alias": alias} for a, alias in plan.aliases_added],
        "plans": [
            {
                "plan": p.key,
                "title": p.title,
                "new": p.new,
                "themes_added": list(p.themes_added),
                "actions_added": [
                    {"ref": a.ref, "theme": a.theme, "text": a.text, "updates": len(a.updates)}
                    for a in p.actions_added
                ],
                "updates_added": [_update_json(u.ref, u.update) for u in p.updates_added],
                "updates_not_brought_back": [
                    {**_update_json(u.ref, u.update), "why": u.why} for u in p.updates_skipped
                ],
                "statuses_applied": [
                    {
                        "ref": s.ref,
                        "from": s.ours,
                        "to": s.theirs,
                        "their_status_changes": [_change_json(h) for h in s.history],
                    }
                    for s in p.statuses_applied
                ],
                "fields_applied": [
                    {
                        "ref": f.ref,
                        "fields": [
                            {"field": c.field, "ours": c.ours, "theirs": c.theirs}
                            for c in f.changes
                        ],
                    }
                    for f in p.fields_applied
                ],
                "conflicts": [_conflict_json(p.key, c) for c in p.conflicts],
                "only_here": list(p.only_here),
                "kept_ours": list(p.kept_ours),
            }
            for p in plan.plans
        ],
    }


def _said(change: HistoryDoc) -> str:
    """Who changed a status, when, and why."""
    line = f"{change.by}, {utc_text(change.at)}"
    return f"{line}: {change.reason}" if change.reason else line


def _section(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    return [f"  {title} ({len(lines)}):", *(f"    {safe_line(line)}" for line in lines)]


def _update_line(ref: str, update: UpdateDoc, room: int) -> str:
    return clip(f"ref {ref}: {update_heading(update)}: {update.body}", room)


def _conflict_lines(merge: PlanMerge, conflict: Conflict) -> list[str]:
    """One conflict, made safe to print, indented under its ref."""
    scheme = merge.doc.scheme
    lines = [f"ref {conflict.ref}:"]
    for change in conflict.changes:
        lines.append(f"  {change.field}: ours {change.ours!r}, theirs {change.theirs!r}")
    if conflict.status_differs or conflict.their_history:
        ours = _status_words(scheme, conflict.our_status)
        theirs = _status_words(scheme, conflict.their_status)
        lines.append(f"  status: ours {ours}, theirs {theirs}")
        lines.extend(
            f"    their change: {_status_words(scheme, h.to)} ({_said(h)})"
            for h in conflict.their_history
        )
    if conflict.newer:
        lines.append(f"  {conflict.newer} changed it last")
    if conflict.history_recorded:
        lines.append("  their status changes go into the history here all the same")
    steps = settle_commands(merge.key, conflict)
    if steps:
        lines.append(f"  to take theirs: {'; '.join(steps)}")
    return [f"{line[: len(line) - len(line.lstrip())]}{safe_line(line)}" for line in lines]


def _plan_merge_text(merge: PlanMerge, room: int) -> str:
    heading = clip(f"{merge.key}: {merge.title}", width())
    if merge.new:
        updates = sum(len(a.updates) for a in merge.actions_added)
        return (
            f"{heading}\n  not here before: imported as a new plan "
            f"({counted(len(merge.actions_added), 'action')}, {counted(updates, 'update')})"
        )
    scheme = merge.doc.scheme
    lines = [heading]
    lines += _section(
        "Updates added", [_update_line(u.ref, u.update, room) for u in merge.updates_added]
    )
    lines += _section(
        "Updates not brought back",
        [_update_line(u.ref, u.update, room - 16) + f" ({u.why})" for u in merge.updates_skipped],
    )
    lines += _section(
        "Statuses applied",
        [
            f"ref {s.ref}: {_status_words(scheme, s.ours)} → {_status_words(scheme, s.theirs)}"
            + (f" ({_said(s.history[-1])})" if s.history else "")
            for s in merge.statuses_applied
        ],
    )
    lines += _section("Themes added", list(merge.themes_added))
    lines += _section(
        "Actions added",
        [clip(f"ref {a.ref} ({a.theme}): {a.text}", room) for a in merge.actions_added],
    )
    lines += _section(
        "Fields applied",
        [
            clip(f"ref {f.ref}: {c.field} now {c.theirs!r} (was {clip(c.ours, 30)!r})", room)
            for f in merge.fields_applied
            for c in f.changes
        ],
    )
    conflicts = [line for c in merge.conflicts for line in _conflict_lines(merge, c)]
    if merge.conflicts:
        lines.append(f"  Conflicts, ours kept ({len(merge.conflicts)}):")
        lines += [f"    {line}" for line in conflicts]
    if merge.only_here:
        refs = safe_line(", ".join(merge.only_here))
        lines.append(f"  Only here ({len(merge.only_here)}): ref {refs}")
    if merge.kept_ours:
        refs = safe_line(", ".join(merge.kept_ours))
        lines.append(f"  Changed here since, ours kept ({len(merge.kept_ours)}): ref {refs}")
    if len(lines) == 1:
        lines.append("  nothing to take in: both copies agree")
    return "\n".join(lines)


def merge_text(plan: MergePlan, *, dry_run: bool) -> str:
    room = width() - 4
    head = (
        f"Dry run: merging {plan.source} would do this (nothing written)"
        if dry_run
        else f"Merged {plan.source}"
    )
    blocks = [safe_line(head)]
    if plan.agencies_added:
        blocks.append(safe_line(f"Agencies added: {', '.join(plan.agencies_added)}"))
    if plan.aliases_added:
        added = ", ".join(f"{alias} ({agency})" for agency, alias in plan.aliases_added)
        blocks.append(safe_line(f"Aliases added: {added}"))
    blocks += [_plan_merge_text(p, room) for p in plan.plans]
    blocks.append(_merge_summary(plan, dry_run=dry_run))
    return "\n\n".join(blocks)


def _merge_summary(plan: MergePlan, *, dry_run: bool) -> str:
    merged = [p for p in plan.plans if not p.new]
    taken = ", ".join(
        counted(n, word)
        for n, word in (
            (sum(len(p.updates_added) for p in merged), "update"),
            (sum(len(p.statuses_applied) for p in merged), "status change"),
            (sum(len(p.actions_added) for p in merged), "action"),
            (sum(len(p.fields_applied) for p in merged), "edited action"),
            (sum(1 for p in plan.plans if p.new), "new plan"),
        )
        if n
    )
    verb = "would take in" if dry_run else "took in"
    line = f"The merge {verb} {taken}." if taken else "Nothing to take in."
    if plan.conflicts:
        line += (
            f"\n{counted(plan.conflicts, 'conflict')} to settle: ours is kept until you take "
            "theirs as shown above."
        )
    return line
