"""Merge a colleague's snapshot of plans we already have: nothing lost on either side.

`merge_file` reads our side and decides everything first (`merge_rules`),
then writes it in the same write transaction, so a failure anywhere leaves
the database as it was and nobody can change it between the two steps. A
dry run decides in a read transaction and writes nothing.

Writes go through the ORM on the action row, so each status or field taken
in raises the action's `version` (an open app sees it and a save based on an
older read is refused). `modified_at` becomes the later of the two sides'
times rather than the merge's clock: it then still says when the newest
change the action holds was made, and the next merge does not mistake the
merge's own write for an edit made here (see docs/merge.md).
"""

from collections import defaultdict
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, col, select

from planterm.domain.models import Action, ActionLead, Plan, Status, Theme, Update, UpdateRevision
from planterm.domain.snapshot_identity import UpdateKey, update_key
from planterm.io.snapshot import SnapshotDoc, UpdateDoc
from planterm.services.merge_plan import FieldsApplied, MergePlan, PlanMerge
from planterm.services.merge_rules import Agencies, OurAction, OurPlan, plan_merge
from planterm.services.transfer import (
    AgencyBook,
    export_plan,
    history_row,
    insert_actions,
    insert_log_rows,
    insert_plan,
    insert_themes,
    lead_rows,
    read_snapshot_file,
    update_row,
)
from planterm.storage.store import Store


def merge_file(store: Store, path: Path, *, now: datetime, dry_run: bool = False) -> MergePlan:
    """Merge one snapshot file into the database (or only say what that would do)."""
    return merge_doc(store, read_snapshot_file(path), source=str(path), now=now, dry_run=dry_run)


def merge_doc(
    store: Store, doc: SnapshotDoc, *, source: str, now: datetime, dry_run: bool = False
) -> MergePlan:
    transaction = store.read() if dry_run else store.write()
    with transaction as session:
        agencies = _their_agencies(session, doc, source=source)
        ours = _read_ours(session, [p.key for p in doc.plans])
        plan = plan_merge(doc, ours, agencies, source=source)
        if not dry_run:
            _apply(session, plan, doc, now=now)
        return plan


# --------------------------------------------------------------- our side


def _their_agencies(session: Session, doc: SnapshotDoc, *, source: str) -> Agencies:
    """Which of their agencies are new here, and our name for each name they use."""
    book = AgencyBook(session)
    names: dict[str, str] = {}
    added: list[str] = []
    aliases: list[tuple[str, str]] = []
    for agency in doc.agencies:
        found = book.existing(agency, source=source)
        if found is None:
            added.append(agency.name)
        else:
            known = {n.casefold() for n in (found.name, *found.aliases)}
            aliases.extend((found.name, a) for a in agency.aliases if a.casefold() not in known)
        for name in (agency.name, *agency.aliases):
            names[name.casefold()] = found.name if found else agency.name
    return Agencies(names, tuple(added), tuple(aliases))


def _read_ours(session: Session, keys: list[str]) -> dict[str, OurPlan]:
    ours: dict[str, OurPlan] = {}
    for plan in session.exec(select(Plan).where(col(Plan.key).in_(keys))):
        plan_doc, actions, _ = export_plan(session, plan)
        removed, former = _hidden_updates(session, plan.id or 0)
        ours[plan.key] = OurPlan(
            plan_doc,
            tuple(
                OurAction(a, tuple(removed.get(a.ref, ())), frozenset(former.get(a.ref, ())))
                for a in actions
            ),
        )
    return ours


def _hidden_updates(
    session: Session, plan_id: int
) -> tuple[dict[str, list[UpdateDoc]], dict[str, set[UpdateKey]]]:
    """By ref: the updates removed here, and the earlier wordings of corrected ones.

    Export leaves both out; a merge must still know them so as not to bring
    back, as new, what someone here took away or reworded.
    """
    removed: dict[str, list[UpdateDoc]] = defaultdict(list)
    gone = session.exec(
        select(Action.ref, Update)
        .join(Update, col(Update.action_id) == col(Action.id))
        .where(Action.plan_id == plan_id, col(Update.removed_at).is_not(None))
    )
    for ref, u in gone:
        removed[ref].append(UpdateDoc(date=u.date, period=u.period, author=u.author, body=u.body))
    former: dict[str, set[UpdateKey]] = defaultdict(set)
    reworded = session.exec(
        select(Action.ref, UpdateRevision)
        .join(Update, col(Update.action_id) == col(Action.id))
        .join(UpdateRevision, col(UpdateRevision.update_id) == col(Update.id))
        .where(Action.plan_id == plan_id, UpdateRevision.change == "corrected")
    )
    for ref, r in reworded:
        former[ref].add(update_key(r))
    return removed, former


# ------------------------------------------------------------------ apply


def _apply(session: Session, plan: MergePlan, doc: SnapshotDoc, *, now: datetime) -> None:
    agencies = AgencyBook(session)
    agencies.merge(doc.agencies, source=plan.source)
    for merge in plan.plans:
        if merge.new:
            insert_plan(session, merge.doc, merge.actions_added, agencies, now=now)
        else:
            _apply_to_plan(session, merge, agencies, now=now)
    session.flush()


def _apply_to_plan(
    session: Session, merge: PlanMerge, agencies: AgencyBook, *, now: datetime
) -> None:
    plan = session.exec(select(Plan).where(Plan.key == merge.key)).one()
    plan_id = plan.id or 0
    themes = session.exec(select(Theme).where(Theme.plan_id == plan_id)).all()
    theme_ids = {t.name: t.id or 0 for t in themes}
    theme_ids |= insert_themes(
        session,
        plan_id,
        [t for t in merge.doc.themes if t.name in merge.themes_added],
        first_position=max((t.position for t in themes), default=-1) + 1,
    )
    status_ids = {
        s.key: s.id or 0 for s in session.exec(select(Status).where(Status.plan_id == plan_id))
    }
    actions = {a.ref: a for a in session.exec(select(Action).where(Action.plan_id == plan_id))}
    insert_actions(
        session,
        plan_id,
        merge.actions_added,
        theme_ids=theme_ids,
        status_ids=status_ids,
        agencies=agencies,
        now=now,
        next_positions=_next_positions(session, plan_id, theme_ids),
    )

    def action_id(ref: str) -> int:
        return actions[ref].id or 0

    recorded = [(c.ref, c.their_history) for c in merge.conflicts if c.history_recorded]
    applied = [(s.ref, s.history) for s in merge.statuses_applied]
    insert_log_rows(
        session,
        updates=[update_row(action_id(u.ref), u.update, now=now) for u in merge.updates_added],
        history=[history_row(action_id(ref), h) for ref, log in recorded + applied for h in log],
    )
    for status in merge.statuses_applied:
        action = actions[status.ref]
        action.status_id = status_ids[status.theirs] if status.theirs else None
        _stamp(session, action, status.their_modified_at, now=now)
    for fields in merge.fields_applied:
        _apply_fields(session, actions[fields.ref], fields, theme_ids, agencies)
        _stamp(session, actions[fields.ref], fields.their_modified_at, now=now)


def _stamp(session: Session, action: Action, theirs: datetime | None, *, now: datetime) -> None:
    """The later of the two sides' times (the clock when theirs is not given)."""
    action.modified_at = max(action.modified_at, theirs or now)
    session.add(action)


def _next_positions(session: Session, plan_id: int, theme_ids: dict[str, int]) -> dict[str, int]:
    last = dict(
        session.execute(
            sa.select(col(Action.theme_id), sa.func.max(col(Action.position)))
            .where(col(Action.plan_id) == plan_id)
            .group_by(col(Action.theme_id))
        ).all()
    )
    return {name: last[tid] + 1 for name, tid in theme_ids.items() if tid in last}


def _apply_fields(
    session: Session,
    action: Action,
    fields: FieldsApplied,
    theme_ids: dict[str, int],
    agencies: AgencyBook,
) -> None:
    values = fields.values
    changed = {c.field for c in fields.changes}
    action.text = values.text
    action.owner = values.owner
    action.due = values.due
    action.start_after = values.start_after
    action.fields = dict(values.fields)
    if "theme" in changed:
        position = _next_positions(session, action.plan_id, theme_ids).get(values.theme, 0)
        action.theme_id = theme_ids[values.theme]
        action.position = position
    if "leads" in changed:
        action_id = action.id or 0
        session.execute(sa.delete(ActionLead).where(col(ActionLead.action_id) == action_id))
        insert_log_rows(session, leads=lead_rows(action_id, values.leads, agencies))
