"""One action whole: its row, every live update and its status history."""

from datetime import date

from sqlmodel import Session, col, select

from planterm.domain import rules
from planterm.domain.models import Action, StatusChange, Update
from planterm.domain.views import ActionDetail, HistoryView, UpdateView
from planterm.errors import NotFoundError
from planterm.services import catalog
from planterm.services.listing import to_row
from planterm.storage import queries
from planterm.storage.store import SessionReader, Store


def show_action(store: Store, plan_key: str, ref: str, *, today: date) -> ActionDetail:
    with store.read() as session:
        plan = catalog.plan_by_key(session, plan_key)
        action = catalog.action_by_ref(session, plan, ref)
        return action_detail(session, action.id or 0, today=today)


def detail_by_id(store: Store, action_id: int, *, today: date) -> ActionDetail:
    with store.read() as session:
        return action_detail(session, action_id, today=today)


def action_detail(session: Session, action_id: int, *, today: date) -> ActionDetail:
    """Everything about one action, read in one session."""
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError("that action no longer exists", hint="it was deleted; reload the list")
    quarter = rules.Quarter.containing(today)
    db = SessionReader(session)
    rows = queries.action_rows(
        db, queries.ActionFilter(action_ids=[action_id]), quarter=(quarter.start, quarter.end)
    )
    statuses = queries.status_views(db, [action.plan_id])
    leads = queries.leads_by_action(db, action_ids=[action_id])
    row = to_row(rows[0], statuses, leads.get(action_id, []), today)
    updates = session.exec(
        select(Update)
        .where(Update.action_id == action_id, col(Update.removed_at).is_(None))
        .order_by(col(Update.date).desc(), col(Update.id).desc())
    ).all()
    history = session.exec(
        select(StatusChange)
        .where(StatusChange.action_id == action_id)
        .order_by(col(StatusChange.at), col(StatusChange.id))
    ).all()
    return ActionDetail(
        row=row,
        created_at=action.created_at,
        modified_at=action.modified_at,
        updates=tuple(UpdateView(u.id or 0, u.date, u.period, u.author, u.body) for u in updates),
        history=tuple(HistoryView(h.at, h.from_key, h.to_key, h.by, h.reason) for h in history),
    )
