"""What moved since the last meeting: a snapshot compared with a later one.

`compare` is pure: two documents and the date each side's rules apply at.
The flags come from `domain.rules`, so "became overdue" means exactly what
`list --overdue` means. `diff_files` compares two snapshot files;
`diff_with_database` compares a snapshot with the database now, through the
same exporter as `planterm export`.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Literal, TypeVar

from sqlmodel import select

from planterm.domain import rules
from planterm.domain.models import Plan
from planterm.domain.schemes import Category
from planterm.domain.snapshot_diff import (
    ActionEdit,
    ActionPresence,
    DateMove,
    FieldChange,
    FlagRaised,
    NewUpdate,
    PlanDiff,
    PlanPresence,
    ShareMove,
    Side,
    SnapshotDiff,
    StatusMove,
    ThemeDiff,
)
from planterm.domain.snapshot_identity import history_key, update_key
from planterm.domain.utc import in_utc
from planterm.domain.views import StatusView
from planterm.errors import NotFoundError
from planterm.io import snapshot
from planterm.io.snapshot import ActionDoc, PlanDoc, SnapshotDoc
from planterm.services.transfer import export_doc, read_snapshot_file
from planterm.storage.store import Store

DATABASE = "the database"
DATE_FIELDS: tuple[Literal["due", "start_after"], ...] = ("due", "start_after")

T = TypeVar("T")
Views = dict[str, StatusView]


# ------------------------------------------------------------ reading sides


def snapshot_day(doc: SnapshotDoc) -> date | None:
    """The date of a snapshot: the UTC date of its `exported_at`, if it has one."""
    return in_utc(doc.exported_at).date() if doc.exported_at else None


def diff_files(
    old_path: Path, new_path: Path, *, today: date, plan_keys: Sequence[str] = ()
) -> SnapshotDiff:
    """Compare two snapshot files. An undated one takes the other's date, else `today`."""
    old = read_snapshot_file(old_path)
    new = read_snapshot_file(new_path)
    old_day, new_day = snapshot_day(old), snapshot_day(new)
    return compare(
        old,
        new,
        old_side=Side(str(old_path), old_day or new_day or today, old_day is not None),
        new_side=Side(str(new_path), new_day or old_day or today, new_day is not None),
        plan_keys=plan_keys,
    )


def diff_with_database(
    store: Store, old_path: Path, *, today: date, now: datetime, plan_keys: Sequence[str] = ()
) -> SnapshotDiff:
    """Compare a snapshot file with the database as it is `today`.

    Only the snapshot's plans are compared unless `plan_keys` names others:
    a snapshot of one plan is not told that the database holds four more.
    """
    old = read_snapshot_file(old_path)
    wanted = list(dict.fromkeys(plan_keys)) or [p.key for p in old.plans]
    with store.read() as session:
        held = set(session.exec(select(Plan.key)))
    present = [key for key in wanted if key in held]
    if present:
        new = export_doc(store, plan_keys=present, now=now)
    else:  # export_doc with no keys would export every plan
        new = SnapshotDoc(format="planterm-snapshot", version=snapshot.VERSION, exported_at=now)
    old_day = snapshot_day(old)
    return compare(
        old,
        new,
        old_side=Side(str(old_path), old_day or today, old_day is not None),
        new_side=Side(DATABASE, today),
        plan_keys=plan_keys,
    )


# --------------------------------------------------------------- comparing


def compare(
    old: SnapshotDoc,
    new: SnapshotDoc,
    *,
    old_side: Side,
    new_side: Side,
    plan_keys: Sequence[str] = (),
) -> SnapshotDiff:
    """Everything that moved from `old` to `new`, plan by plan (sorted by key)."""
    old_plans = {p.key: p for p in old.plans}
    new_plans = {p.key: p for p in new.plans}
    for key in plan_keys:
        if key not in old_plans and key not in new_plans:
            raise NotFoundError(
                f"plan {key!r} is in neither {old_side.source} nor {new_side.source}",
                hint="check the key with planterm plans, or leave --plan out",
            )
    keys = sorted(set(plan_keys) or set(old_plans) | set(new_plans))
    plans = []
    for key in keys:
        before = [a for a in old.actions if a.plan == key]
        after = [a for a in new.actions if a.plan == key]
        plans.append(
            _plan_diff(
                old_plans.get(key),
                new_plans.get(key),
                before,
                after,
                old_day=old_side.day,
                new_day=new_side.day,
            )
        )
    return SnapshotDiff(old_side, new_side, tuple(plans))


def _plan_diff(
    old_plan: PlanDoc | None,
    new_plan: PlanDoc | None,
    before: list[ActionDoc],
    after: list[ActionDoc],
    *,
    old_day: date,
    new_day: date,
) -> PlanDiff:
    if old_plan is None or new_plan is None:
        plan = new_plan or old_plan
        assert plan is not None
        presence: PlanPresence = "added" if old_plan is None else "removed"
        return PlanDiff(plan.key, plan.title, presence, len(before), len(after))
    comparison = _PlanComparison(_views(old_plan), _views(new_plan), old_day, new_day)
    old_by_ref = {a.ref: a for a in before}
    new_refs = {a.ref for a in after}
    for action in after:
        comparison.action(old_by_ref.get(action.ref), action)
    for action in before:
        if action.ref not in new_refs:
            comparison.removed(action)
    theme_names = [t.name for t in new_plan.themes]
    theme_names += [t.name for t in old_plan.themes if t.name not in theme_names]
    statuses = _share_order(comparison.old_views, comparison.new_views)
    themes = tuple(
        comparison.found[name].freeze(
            name,
            _shares(
                statuses,
                [a for a in before if a.theme == name],
                [a for a in after if a.theme == name],
            ),
        )
        for name in theme_names
    )
    return PlanDiff(
        new_plan.key,
        new_plan.title,
        "both",
        len(before),
        len(after),
        themes,
        _shares(statuses, before, after),
    )


@dataclass
class _Found:
    """What one theme collects while its actions are compared."""

    status_moves: list[StatusMove] = field(default_factory=list)
    new_updates: list[NewUpdate] = field(default_factory=list)
    added: list[ActionPresence] = field(default_factory=list)
    removed: list[ActionPresence] = field(default_factory=list)
    edited: list[ActionEdit] = field(default_factory=list)
    dates_moved: list[DateMove] = field(default_factory=list)
    became_overdue: list[FlagRaised] = field(default_factory=list)
    became_due_to_start: list[FlagRaised] = field(default_factory=list)

    def freeze(self, name: str, shares: tuple[ShareMove, ...]) -> ThemeDiff:
        found = {f.name: tuple(getattr(self, f.name)) for f in fields(self)}
        return ThemeDiff(name=name, shares=shares, **found)


@dataclass
class _PlanComparison:
    old_views: Views
    new_views: Views
    old_day: date
    new_day: date
    found: defaultdict[str, _Found] = field(default_factory=lambda: defaultdict(_Found))

    def action(self, old: ActionDoc | None, new: ActionDoc) -> None:
        into = self.found[new.theme]
        ref, text = new.ref, new.text
        into.status_moves.extend(self._status_moves(old, new))
        into.new_updates.extend(
            NewUpdate(ref, text, u.date, u.period, u.author, u.body)
            for u in _fresh(old.updates if old else [], new.updates, key=update_key)
        )
        if old is None:
            into.added.append(ActionPresence(ref, text, _view(new.status, self.new_views)))
        else:
            changes = _field_changes(old, new)
            if changes:
                into.edited.append(ActionEdit(ref, text, changes))
            for name in DATE_FIELDS:
                was, now = getattr(old, name), getattr(new, name)
                if was != now:
                    into.dates_moved.append(DateMove(ref, text, name, was, now))
        status = _view(new.status, self.new_views)
        if self._overdue(new, self.new_views, self.new_day) and not (
            old and self._overdue(old, self.old_views, self.old_day)
        ):
            assert new.due is not None
            into.became_overdue.append(FlagRaised(ref, text, new.due, status))
        if self._due_to_start(new, self.new_views, self.new_day) and not (
            old and self._due_to_start(old, self.old_views, self.old_day)
        ):
            assert new.start_after is not None
            into.became_due_to_start.append(FlagRaised(ref, text, new.start_after, status))

    def removed(self, old: ActionDoc) -> None:
        presence = ActionPresence(old.ref, old.text, _view(old.status, self.old_views))
        self.found[old.theme].removed.append(presence)

    def _status_moves(self, old: ActionDoc | None, new: ActionDoc) -> list[StatusMove]:
        recorded = _fresh(old.history if old else [], new.history, key=history_key)
        moves = [
            StatusMove(
                new.ref,
                new.text,
                _view(h.from_, self.new_views, self.old_views),
                _view(h.to, self.new_views, self.old_views),
                h.at,
                h.by,
                h.reason,
            )
            for h in recorded
        ]
        explained = bool(recorded) and recorded[-1].to == new.status
        if old is not None and old.status != new.status and not explained:
            moves.append(
                StatusMove(
                    new.ref,
                    new.text,
                    _view(old.status, self.old_views),
                    _view(new.status, self.new_views),
                )
            )
        return moves

    @staticmethod
    def _overdue(action: ActionDoc, views: Views, day: date) -> bool:
        return rules.is_overdue(due=action.due, category=_category(action, views), today=day)

    @staticmethod
    def _due_to_start(action: ActionDoc, views: Views, day: date) -> bool:
        return rules.is_due_to_start(
            start_after=action.start_after, category=_category(action, views), today=day
        )


def _field_changes(old: ActionDoc, new: ActionDoc) -> tuple[FieldChange, ...]:
    changes = [
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in ("text", "owner", "theme")
        if getattr(old, name) != getattr(new, name)
    ]
    if old.leads != new.leads:
        changes.insert(1, FieldChange("leads", tuple(old.leads), tuple(new.leads)))
    for name in dict.fromkeys([*old.fields, *new.fields]):
        was, now = old.fields.get(name), new.fields.get(name)
        if was != now:
            changes.append(FieldChange("fields", was, now, name=name))
    return tuple(changes)


def _fresh(before: Iterable[T], after: Iterable[T], *, key: Callable[[T], Hashable]) -> list[T]:
    """The items of `after` that `before` does not have, counting repeats, in order."""
    remaining = Counter(key(item) for item in before)
    fresh = []
    for item in after:
        identity = key(item)
        if remaining[identity]:
            remaining[identity] -= 1
        else:
            fresh.append(item)
    return fresh


# ------------------------------------------------------------------ shares


def _share_order(old_views: Views, new_views: Views) -> list[tuple[str | None, StatusView | None]]:
    """The new scheme's statuses, then any only the old one had, then untriaged."""
    order: list[tuple[str | None, StatusView | None]] = list(new_views.items())
    order += [(key, view) for key, view in old_views.items() if key not in new_views]
    order.append((None, None))
    return order


def _shares(
    statuses: list[tuple[str | None, StatusView | None]],
    before: list[ActionDoc],
    after: list[ActionDoc],
) -> tuple[ShareMove, ...]:
    was = Counter(a.status for a in before)
    now = Counter(a.status for a in after)
    return tuple(
        ShareMove(view, was[key], len(before), now[key], len(after)) for key, view in statuses
    )


# ---------------------------------------------------------------- statuses


def _views(plan: PlanDoc) -> Views:
    return {s.key: s.view() for s in plan.scheme.statuses}


def _view(key: str | None, *schemes: Views) -> StatusView | None:
    """The status a key names, looked up in each scheme in turn; None is untriaged."""
    if key is None:
        return None
    for views in schemes:
        if key in views:
            return views[key]
    # A history entry naming a status its scheme no longer has: show the key itself.
    return StatusView(key, key, "", key, Category.ACTIVE)


def _category(action: ActionDoc, views: Views) -> Category | None:
    status = _view(action.status, views)
    return status.category if status else None
