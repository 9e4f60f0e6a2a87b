"""Adding, editing and deleting actions, and adding themes and plans.

Edits carry the version the user read: an edit based on an old read is
refused with the other change named (see `changes.stale_conflict`). Each
function returns what is needed to undo it.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, col, select

from planterm.domain.models import (
    Action,
    ActionLead,
    Agency,
    Plan,
    Status,
    StatusChange,
    Theme,
    Update,
    UpdateRevision,
)
from planterm.domain.schemes import BUILT_IN
from planterm.domain.views import ActionFields
from planterm.errors import ConflictError, InputError, NotFoundError
from planterm.io.snapshot import PLAN_KEY_PATTERN
from planterm.services import catalog
from planterm.services.changes import stale_conflict
from planterm.storage.store import Store


@dataclass(frozen=True)
class EditResult:
    action_id: int
    version: int
    before: ActionFields
    new_agencies: tuple[str, ...]


def _action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError("that action no longer exists", hint="it was deleted; reload")
    return action


def _leads(session: Session, action_id: int) -> tuple[str, ...]:
    rows = session.execute(
        sa.select(col(Agency.name))
        .join(ActionLead, col(ActionLead.agency_id) == col(Agency.id))
        .where(col(ActionLead.action_id) == action_id)
        .order_by(col(ActionLead.position))
    ).all()
    return tuple(row[0] for row in rows)


def action_fields(store: Store, action_id: int) -> tuple[ActionFields, int]:
    """The editable values of an action and the version they were read at."""
    with store.read() as session:
        action = _action(session, action_id)
        return _fields_of(session, action), action.version


def _fields_of(session: Session, action: Action) -> ActionFields:
    return ActionFields(
        text=action.text,
        leads=_leads(session, action.id or 0),
        owner=action.owner,
        due=action.due,
        start_after=action.start_after,
        fields=dict(action.fields),
    )


def _check(values: ActionFields) -> None:
    if not values.text.strip():
        raise InputError("an action needs its text", hint="write the recommendation")
    if values.due and values.start_after and values.start_after > values.due:
        raise InputError(
            f"it cannot start after {values.start_after} and be due on {values.due}",
            hint="move one of the dates",
        )


def _set_leads(session: Session, action_id: int, names: tuple[str, ...]) -> list[str]:
    """Replace the action's leads; names no agency has yet become new agencies."""
    known: dict[str, Agency] = {}
    for agency in session.exec(select(Agency)):
        for name in (agency.name, *agency.aliases):
            known[name.casefold()] = agency
    created: list[str] = []
    session.execute(sa.delete(ActionLead).where(col(ActionLead.action_id) == action_id))
    seen: set[int] = set()
    position = 0
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        found = known.get(name.casefold())
        if found is None:
            found = Agency(name=name, aliases=[])
            session.add(found)
            session.flush()
            known[name.casefold()] = found
            created.append(name)
        agency = found
        if agency.id in seen:
            continue
        seen.add(agency.id or 0)
        session.add(ActionLead(action_id=action_id, agency_id=agency.id or 0, position=position))
        position += 1
    return created


def edit_action(
    store: Store,
    *,
    action_id: int,
    values: ActionFields,
    expected_version: int,
    now: datetime,
) -> EditResult:
    _check(values)
    try:
        with store.write() as session:
            action = _action(session, action_id)
            plan = session.get(Plan, action.plan_id)
            assert plan is not None
            if action.version != expected_version:
                raise stale_conflict(session, plan, action)
            before = _fields_of(session, action)
            created = _set_leads(session, action_id, values.leads)
            action.text = values.text
            action.owner = (values.owner or "").strip() or None
            action.due = values.due
            action.start_after = values.start_after
            action.fields = {k.strip(): v for k, v in values.fields.items() if k.strip()}
            action.modified_at = now
            session.add(action)
            session.flush()
            return EditResult(action_id, action.version, before, tuple(created))
    except StaleDataError:
        raise ConflictError(
            "the action was changed by someone else while saving",
            hint="reload it and apply your change again",
        ) from None


_NUMBER = re.compile(r"^(\d+)$")


def next_ref(store: Store, plan_key: str) -> str:
    """One more than the highest whole-number ref of the plan."""
    with store.read() as session:
        plan = catalog.plan_by_key(session, plan_key)
        refs = session.exec(select(Action.ref).where(Action.plan_id == plan.id)).all()
    numbers = [int(m[1]) for r in refs if (m := _NUMBER.match(r))]
    return str(max(numbers, default=0) + 1)


def add_action(
    store: Store,
    *,
    plan_key: str,
    theme: str,
    values: ActionFields,
    now: datetime,
    ref: str | None = None,
) -> tuple[int, str]:
    """A new action at the end of its theme; returns its id and ref."""
    _check(values)
    chosen = (ref or "").strip() or next_ref(store, plan_key)
    with store.write() as session:
        plan = catalog.plan_by_key(session, plan_key)
        target = catalog.theme_by_name(session, plan, theme)
        taken = session.exec(
            select(Action.id).where(Action.plan_id == plan.id, Action.ref == chosen)
        ).first()
        if taken is not None:
            raise ConflictError(
                f"plan {plan.key} already has a ref {chosen}", hint="choose another ref"
            )
        last = session.exec(
            select(sa.func.max(Action.position)).where(Action.theme_id == target.id)
        ).first()
        action = Action(
            plan_id=plan.id or 0,
            theme_id=target.id or 0,
            position=(last if last is not None else -1) + 1,
            ref=chosen,
            text=values.text,
            owner=(values.owner or "").strip() or None,
            due=values.due,
            start_after=values.start_after,
            fields=dict(values.fields),
            created_at=now,
            modified_at=now,
        )
        session.add(action)
        session.flush()
        _set_leads(session, action.id or 0, values.leads)
        return action.id or 0, chosen


_CAPTURED = (
    (Action, "id"),
    (ActionLead, "action_id"),
    (Update, "action_id"),
    (StatusChange, "action_id"),
)


@dataclass(frozen=True)
class DeletedAction:
    """Every row of a deleted action, kept so that undo puts it back exactly."""

    plan: str
    ref: str
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]


def delete_action(store: Store, *, action_id: int, expected_version: int) -> DeletedAction:
    with store.write() as session:
        action = _action(session, action_id)
        plan = session.get(Plan, action.plan_id)
        assert plan is not None
        if action.version != expected_version:
            raise stale_conflict(session, plan, action)
        captured: list[tuple[str, tuple[dict[str, Any], ...]]] = []
        update_ids: list[int] = []
        for model, column in _CAPTURED:
            table: Any = sa.inspect(model).local_table
            rows = session.execute(sa.select(table).where(table.c[column] == action_id)).all()
            captured.append((table.name, tuple(dict(r._mapping) for r in rows)))
            if model is Update:
                update_ids = [r.id for r in rows]
        revisions = UpdateRevision.__table__  # type: ignore[attr-defined]
        rows = session.execute(
            sa.select(revisions).where(revisions.c.update_id.in_(update_ids))
        ).all()
        captured.append((revisions.name, tuple(dict(r._mapping) for r in rows)))
        session.execute(sa.delete(Action).where(col(Action.id) == action_id))
        return DeletedAction(plan.key, action.ref, tuple(captured))


def restore_action(store: Store, deleted: DeletedAction) -> int:
    """Put a deleted action back, with its updates and history, as it was."""
    tables = dict(SQLModel.metadata.tables)
    try:
        with store.write() as session:
            for name, rows in deleted.rows:
                if rows:
                    session.execute(sa.insert(tables[name]), [dict(r) for r in rows])
    except sa.exc.IntegrityError:
        raise ConflictError(
            f"ref {deleted.ref} of plan {deleted.plan} cannot come back: "
            "its ref or theme changed since it was deleted",
            hint="add it again by hand",
        ) from None
    return int(deleted.rows[0][1][0]["id"])


def add_theme(store: Store, *, plan_key: str, name: str, description: str | None = None) -> None:
    clean = name.strip()
    if not clean:
        raise InputError("a theme needs a name")
    with store.write() as session:
        plan = catalog.plan_by_key(session, plan_key)
        themes = session.exec(select(Theme).where(Theme.plan_id == plan.id)).all()
        if any(t.name.casefold() == clean.casefold() for t in themes):
            raise ConflictError(f"plan {plan.key} already has a theme {clean!r}")
        position = max((t.position for t in themes), default=-1) + 1
        session.add(
            Theme(
                plan_id=plan.id or 0,
                position=position,
                name=clean,
                description=(description or "").strip() or None,
            )
        )


def add_plan(
    store: Store,
    *,
    key: str,
    title: str,
    issuing_body: str,
    scheme: str,
    now: datetime,
    period: str | None = None,
    first_theme: str = "General",
) -> str:
    """A new plan with a copy of a built-in status scheme and one theme."""
    clean = key.strip().lower()
    if not re.match(PLAN_KEY_PATTERN, clean):
        raise InputError(
            f"{key!r} cannot be a plan key",
            hint="use lower-case letters, digits, dots and dashes, e.g. vawg-2025",
        )
    if not title.strip() or not issuing_body.strip():
        raise InputError("a plan needs a title and an issuing body")
    template = BUILT_IN.get(scheme)
    if template is None:
        raise NotFoundError(f"no built-in scheme {scheme!r}", hint=f"use {', '.join(BUILT_IN)}")
    with store.write() as session:
        if session.exec(select(Plan.id).where(Plan.key == clean)).first() is not None:
            raise ConflictError(f"there is already a plan {clean}", hint="choose another key")
        plan = Plan(
            key=clean,
            title=title.strip(),
            issuing_body=issuing_body.strip(),
            period=(period or "").strip() or None,
            scheme_key=template.key,
            scheme_name=template.name,
            created_at=now,
            modified_at=now,
        )
        session.add(plan)
        session.flush()
        for position, status in enumerate(template.statuses):
            session.add(
                Status(
                    plan_id=plan.id or 0,
                    position=position,
                    key=status.key,
                    label=status.label,
                    meaning=status.meaning,
                    symbol=status.symbol,
                    category=status.category.value,
                    colour=status.colour,
                    aliases=list(status.aliases),
                )
            )
        session.add(Theme(plan_id=plan.id or 0, position=0, name=first_theme))
        return clean
