"""One action whole: its row, every live update and its status history."""

from datetime import date

from planterm.domain import rules
from planterm.domain.views import ActionDetail
from planterm.errors import NotFoundError
from planterm.services import names
from planterm.services.listing import to_row
from planterm.storage import queries
from planterm.storage.reader import Reader, ReadSource


def show_action(source: ReadSource, plan_key: str, ref: str, *, today: date) -> ActionDetail:
    with source.reading() as db:
        plan = names.find_plan(db, plan_key)
        return action_detail(db, names.find_action(db, plan, ref), today=today)


def detail_by_id(source: ReadSource, action_id: int, *, today: date) -> ActionDetail:
    with source.reading() as db:
        return action_detail(db, action_id, today=today)


def action_detail(db: Reader, action_id: int, *, today: date) -> ActionDetail:
    """Everything about one action, read in one transaction."""
    times = queries.action_times(db, action_id)
    if times is None:
        raise NotFoundError("that action no longer exists", hint="it was deleted; reload the list")
    plan_id, created_at, modified_at = times
    quarter = rules.Quarter.containing(today)
    rows = queries.action_rows(
        db, queries.ActionFilter(action_ids=[action_id]), quarter=(quarter.start, quarter.end)
    )
    statuses = queries.status_views(db, [plan_id])
    leads = queries.leads_by_action(db, action_ids=[action_id])
    return ActionDetail(
        row=to_row(rows[0], statuses, leads.get(action_id, []), today),
        created_at=created_at,
        modified_at=modified_at,
        updates=tuple(queries.live_updates(db, action_id)),
        history=tuple(queries.status_history(db, action_id)),
    )
