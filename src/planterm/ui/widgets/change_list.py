"""What moved in one plan since a snapshot: one line per change, grouped by theme.

Each line starts with a word for its kind and the action's ref; statuses are
shown as symbol and word. Every piece of user text is a `Text` made safe by
`planterm.display`, never markup.
"""

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planterm.display import brief_pair, first_line, safe_line
from planterm.domain.snapshot_diff import FieldChange, PlanDiff, ShareMove, StatusMove, ThemeDiff
from planterm.domain.utc import in_utc
from planterm.domain.views import StatusView, update_heading
from planterm.ui.format import status_text

KIND_WIDTH = 9
REF_WIDTH = 5
TEXT_WIDTH = 60

Line = tuple[str, str | None, Text]  # kind, ref (None: not about one action), what


def _status(status: StatusView | None) -> Text:
    """The status's words in its colour, inside a plain line (what follows stays plain)."""
    return Text().append_text(status_text(status))


def _short(text: str, size: int = TEXT_WIDTH) -> Text:
    shown = Text(first_line(text))
    shown.truncate(size, overflow="ellipsis")
    return shown


def _moved(move: StatusMove) -> Text:
    line = _status(move.before).append(" → ").append_text(status_text(move.after))
    if move.at is None:
        return line.append(" (no history entry)")
    line.append(safe_line(f", by {move.by} on {in_utc(move.at):%Y-%m-%d}"))
    if move.reason:
        line.append(": ").append_text(_short(move.reason, 50))
    return line


def _edited(change: FieldChange) -> Text:
    def shown(value: str | tuple[str, ...] | None) -> str:
        return (", ".join(value) if isinstance(value, tuple) else value) or "-"

    label = f'field "{change.name}"' if change.field == "fields" else change.field
    before, after = brief_pair(shown(change.before), shown(change.after), size=30)
    return Text(safe_line(f"{label}: {before} → {after}"))


def share_lines(moves: tuple[ShareMove, ...]) -> list[Line]:
    """The shares that moved, their arrows in one column."""
    shown = [m for m in moves if m.moved]
    words = max((status_text(m.status).cell_len for m in shown), default=0)
    before = max((len(m.before_share) for m in shown), default=0)
    return [
        ("Share", None, _status(m.status).append(" " * (words - status_text(m.status).cell_len))
         .append(f"  {m.before_share:<{before}} → {m.after_share}"))
        for m in shown
    ]  # fmt: skip


def theme_lines(theme: ThemeDiff) -> list[Line]:
    """Every change of one theme, in the order of `planterm diff`."""
    lines: list[Line] = [("Status", m.ref, _moved(m)) for m in theme.status_moves]
    for u in theme.new_updates:
        head = Text(safe_line(update_heading(u)) + ": ")
        lines.append(("Update", u.ref, head.append_text(_short(u.body))))
    for kind, items in (("Added", theme.added), ("Removed", theme.removed)):
        lines += [(kind, a.ref, _status(a.status).append("  ").append_text(_short(a.text)))
                  for a in items]  # fmt: skip
    lines += [("Edited", e.ref, _edited(c)) for e in theme.edited for c in e.changes]
    lines += [
        ("Dates", d.ref, Text(f"{d.field.replace('_', ' ')} {d.before or '-'} → {d.after or '-'}"))
        for d in theme.dates_moved
    ]
    for kind, word, flagged in (
        ("Overdue", "due", theme.became_overdue),
        ("To start", "start after", theme.became_due_to_start),
    ):
        lines += [
            (kind, f.ref, Text(f"{word} {f.day}  ").append_text(status_text(f.status)))
            for f in flagged
        ]
    return lines + share_lines(theme.shares)


def _prompt(kind: str, ref: str | None, what: Text) -> Text:
    shown_ref = safe_line(ref or "")
    head = Text(f"  {kind:<{KIND_WIDTH}}", style="bold")
    return head.append(f"{shown_ref:<{REF_WIDTH}} ").append_text(what)


class ChangeList(OptionList):
    """Enter on a line about an action still in the plan goes to that action."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.targets: dict[str, int] = {}  # option id -> action id

    def show(self, plan: PlanDiff, action_ids: dict[str, int]) -> None:
        """Show `plan`'s changes; `action_ids` maps the refs the database has to ids."""
        self.clear_options()
        self.targets = {}
        groups = [(t.name, theme_lines(t)) for t in plan.themes if t.has_changes]
        overall = share_lines(plan.shares) if len(plan.themes) > 1 else []
        if overall:
            groups.append(("All themes", overall))
        options: list[Option] = []
        for name, lines in groups:
            options.append(Option(Text(safe_line(name), style="bold"), disabled=True))
            for kind, ref, what in lines:
                option_id = f"change:{len(options)}"
                if ref is not None and kind != "Removed" and ref in action_ids:
                    self.targets[option_id] = action_ids[ref]
                options.append(Option(_prompt(kind, ref, what), id=option_id))
        if not options:
            options.append(Option(Text("Nothing has moved since then."), disabled=True))
        self.add_options(options)
        self.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
