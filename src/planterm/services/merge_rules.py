"""The merge rule: what to take from a colleague's snapshot, decided without a database.

Both sides arrive as snapshot records (ours read the way export writes
them), so the rule compares like with like. docs/merge.md states the rule
and its limits; in short:

- updates and status changes are append-only logs, merged by identity;
- no common ancestor is stored, so the fields of an action lean on
  `modified_at`: a side "changed" the action when it has status changes the
  other lacks, or when its `modified_at` is later than the last moment both
  sides provably share (the action's `created_at`, when both give the same
  one, or the newest status change both hold);
- what only one side changed is taken from that side; what both changed is a
  conflict: ours is kept and theirs listed.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from planterm.domain.snapshot_identity import HistoryKey, UpdateKey, history_key, update_key
from planterm.errors import InputError
from planterm.io.snapshot import ActionDoc, PlanDoc, SnapshotDoc, UpdateDoc
from planterm.services.merge_plan import (
    ActionValues,
    Conflict,
    FieldChange,
    FieldsApplied,
    MergePlan,
    PlanMerge,
    StatusApplied,
    UpdateAdded,
    UpdateSkipped,
)


@dataclass(frozen=True)
class OurAction:
    """An action here, as export writes it, with the updates export leaves out."""

    doc: ActionDoc
    removed: tuple[UpdateDoc, ...] = ()
    former: frozenset[UpdateKey] = frozenset()
    """Earlier wordings of updates corrected here."""


@dataclass(frozen=True)
class OurPlan:
    doc: PlanDoc
    actions: tuple[OurAction, ...]


@dataclass(frozen=True)
class Agencies:
    """How their agencies land here: every name they use, to our name for it."""

    names: Mapping[str, str]
    added: tuple[str, ...] = ()
    aliases_added: tuple[tuple[str, str], ...] = ()

    def name_here(self, name: str) -> str:
        return self.names.get(name.casefold(), name)


def plan_merge(
    theirs: SnapshotDoc, ours: Mapping[str, OurPlan], agencies: Agencies, *, source: str
) -> MergePlan:
    """Everything merging `theirs` into `ours` would do; `InputError` if it cannot."""
    plans = []
    for plan_doc in theirs.plans:
        actions = [a for a in theirs.actions if a.plan == plan_doc.key]
        here = ours.get(plan_doc.key)
        if here is None:
            plans.append(
                PlanMerge(
                    plan_doc.key, plan_doc.title, True, plan_doc, actions_added=tuple(actions)
                )
            )
        else:
            plans.append(_merge_existing(plan_doc, actions, here, agencies, source=source))
    return MergePlan(
        source=source,
        plans=tuple(plans),
        agencies_added=agencies.added,
        aliases_added=agencies.aliases_added,
    )


def _check_scheme(theirs: PlanDoc, ours: PlanDoc, *, source: str) -> None:
    their_keys, our_keys = theirs.scheme.status_keys(), ours.scheme.status_keys()
    if set(their_keys) == set(our_keys):
        return
    only_theirs = [k for k in their_keys if k not in our_keys]
    only_ours = [k for k in our_keys if k not in their_keys]
    differs = "; ".join(
        part
        for part in (
            f"only in the file: {', '.join(only_theirs)}" if only_theirs else "",
            f"only here: {', '.join(only_ours)}" if only_ours else "",
        )
        if part
    )
    raise InputError(
        f"plan {theirs.key}: the file's status keys differ from this database's ({differs})",
        where=source,
        hint="a merge needs the same status key on both sides; ask for a snapshot made with "
        "this key, or import the file under another plan key",
    )


def _merge_existing(
    theirs: PlanDoc,
    their_actions: Sequence[ActionDoc],
    ours: OurPlan,
    agencies: Agencies,
    *,
    source: str,
) -> PlanMerge:
    _check_scheme(theirs, ours.doc, source=source)
    our_themes = {t.name.casefold(): t.name for t in ours.doc.themes}
    themes_added = tuple(t.name for t in theirs.themes if t.name.casefold() not in our_themes)

    def theme_here(name: str) -> str:
        return our_themes.get(name.casefold(), name)

    our_actions = {a.doc.ref: a for a in ours.actions}
    added: list[ActionDoc] = []
    outcomes: list[_Outcome] = []
    for action in their_actions:
        local = action.model_copy(
            update={"theme": theme_here(action.theme), "leads": _leads_here(action, agencies)}
        )
        here = our_actions.get(action.ref)
        if here is None:
            added.append(local)
        else:
            outcomes.append(_merge_action(here, local))
    their_refs = {a.ref for a in their_actions}
    return PlanMerge(
        key=theirs.key,
        title=ours.doc.title,
        new=False,
        doc=theirs,
        themes_added=themes_added,
        actions_added=tuple(added),
        updates_added=tuple(u for o in outcomes for u in o.updates_added),
        updates_skipped=tuple(u for o in outcomes for u in o.updates_skipped),
        statuses_applied=tuple(o.status for o in outcomes if o.status is not None),
        fields_applied=tuple(o.fields for o in outcomes if o.fields is not None),
        conflicts=tuple(o.conflict for o in outcomes if o.conflict is not None),
        kept_ours=tuple(o.ref for o in outcomes if o.kept_ours),
        only_here=tuple(a.doc.ref for a in ours.actions if a.doc.ref not in their_refs),
    )


def _leads_here(action: ActionDoc, agencies: Agencies) -> list[str]:
    return [agencies.name_here(lead) for lead in action.leads]


@dataclass(frozen=True)
class _Outcome:
    ref: str
    updates_added: tuple[UpdateAdded, ...]
    updates_skipped: tuple[UpdateSkipped, ...]
    status: StatusApplied | None = None
    fields: FieldsApplied | None = None
    conflict: Conflict | None = None
    kept_ours: bool = False
    """The copies differ and ours is the newer change: ours stays, nothing to settle."""


def _merge_action(ours: OurAction, theirs: ActionDoc) -> _Outcome:
    """One action present on both sides (theirs already in our theme and agency names)."""
    mine = ours.doc
    added, skipped = _merge_updates(ours, theirs)
    our_keys = {history_key(h) for h in mine.history}
    their_keys = {history_key(h) for h in theirs.history}
    their_unseen = tuple(h for h in theirs.history if history_key(h) not in our_keys)
    our_unseen = any(history_key(h) not in their_keys for h in mine.history)
    shared = _shared_moment(mine, theirs, our_keys & their_keys)
    ours_changed = our_unseen or _later(mine.modified_at, shared)
    theirs_changed = bool(their_unseen) or _later(theirs.modified_at, shared)
    changes = field_changes(values_of(mine), values_of(theirs))
    ref = mine.ref

    def applied_status() -> StatusApplied | None:
        if not their_unseen and mine.status == theirs.status:
            return None
        return StatusApplied(ref, mine.status, theirs.status, their_unseen, theirs.modified_at)

    def conflict(recorded: bool) -> Conflict:
        return Conflict(
            ref=ref,
            changes=changes,
            our_status=mine.status,
            their_status=theirs.status,
            their_history=their_unseen,
            history_recorded=recorded and bool(their_unseen),
            newer=_newer(mine.modified_at, theirs.modified_at),
        )

    if changes:
        if theirs_changed and not ours_changed:
            fields = FieldsApplied(ref, changes, values_of(theirs), theirs.modified_at)
            return _Outcome(ref, added, skipped, status=applied_status(), fields=fields)
        if ours_changed and not theirs_changed:
            return _Outcome(ref, added, skipped, kept_ours=True)
        return _Outcome(ref, added, skipped, conflict=conflict(recorded=False))
    if not their_unseen:
        if mine.status == theirs.status:
            return _Outcome(ref, added, skipped)
        if our_unseen and not _their_status_is_later(mine, their_keys):
            return _Outcome(ref, added, skipped, kept_ours=True)
        return _Outcome(ref, added, skipped, conflict=conflict(recorded=False))
    if not our_unseen or mine.status == theirs.status:
        return _Outcome(ref, added, skipped, status=applied_status())
    return _Outcome(ref, added, skipped, conflict=conflict(recorded=True))


def _their_status_is_later(ours: ActionDoc, their_keys: set[HistoryKey]) -> bool:
    """Whether the change that gave their status is later than every change only we hold.

    Their entries were recorded here by an earlier merge that listed a conflict;
    ours was kept. While their change is still the latest, the conflict is
    open: the status differs and theirs was never taken.
    """
    held = [h.at for h in ours.history if history_key(h) in their_keys]
    only_ours = [h.at for h in ours.history if history_key(h) not in their_keys]
    return bool(held) and max(held) > max(only_ours, default=max(held))


def _shared_moment(
    ours: ActionDoc, theirs: ActionDoc, both_hold: set[HistoryKey]
) -> datetime | None:
    """The latest moment both sides provably had the same action, if any is known."""
    moments = [key[0] for key in both_hold]
    if ours.created_at is not None and ours.created_at == theirs.created_at:
        moments.append(ours.created_at)
    return max(moments, default=None)


def _later(moment: datetime | None, shared: datetime | None) -> bool:
    """Whether a side wrote after the shared moment; unknown counts as yes."""
    return moment is None or shared is None or moment > shared


def _newer(ours: datetime | None, theirs: datetime | None) -> Literal["ours", "theirs"] | None:
    """The side whose `modified_at` is later; None when equal or unknown."""
    if ours is None or theirs is None or ours == theirs:
        return None
    return "ours" if ours > theirs else "theirs"


def _merge_updates(
    ours: OurAction, theirs: ActionDoc
) -> tuple[tuple[UpdateAdded, ...], tuple[UpdateSkipped, ...]]:
    """Their updates not here, once each; ones we removed or corrected stay out."""
    active = Counter(update_key(u) for u in ours.doc.updates)
    removed = Counter(update_key(u) for u in ours.removed)
    added: list[UpdateAdded] = []
    skipped: list[UpdateSkipped] = []
    for update in theirs.updates:
        key = update_key(update)
        if active[key]:
            active[key] -= 1
        elif removed[key]:
            removed[key] -= 1
            skipped.append(UpdateSkipped(ours.doc.ref, update, "removed here"))
        elif key in ours.former:
            skipped.append(UpdateSkipped(ours.doc.ref, update, "corrected here"))
        else:
            added.append(UpdateAdded(ours.doc.ref, update))
    return tuple(added), tuple(skipped)


def values_of(action: ActionDoc) -> ActionValues:
    return ActionValues(
        text=action.text,
        theme=action.theme,
        leads=tuple(action.leads),
        owner=action.owner,
        due=action.due,
        start_after=action.start_after,
        fields=tuple(action.fields.items()),
    )


_COMPARED = ("text", "theme", "leads", "owner", "due", "start_after")


def field_changes(ours: ActionValues, theirs: ActionValues) -> tuple[FieldChange, ...]:
    """The fields that differ; extra named fields as "fields.NAME"."""
    changes = [
        FieldChange(name, _shown(getattr(ours, name)), _shown(getattr(theirs, name)))
        for name in _COMPARED
        if getattr(ours, name) != getattr(theirs, name)
    ]
    mine, other = dict(ours.fields), dict(theirs.fields)
    for name in dict.fromkeys([*mine, *other]):
        if mine.get(name) != other.get(name):
            changes.append(
                FieldChange(f"fields.{name}", _shown(mine.get(name)), _shown(other.get(name)))
            )
    return tuple(changes)


def _shown(value: str | date | tuple[str, ...] | None) -> str:
    if value is None or value == ():
        return "-"
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
