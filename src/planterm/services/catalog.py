"""The records a service changes, found by the names users type.

The finding rules live in `names`; these give the ORM rows that the
services which write need, read in the same session.
"""

from typing import TypeVar

from sqlmodel import Session, col, select

from planterm.domain.models import Action, Agency, Plan, Status, Theme
from planterm.errors import NotFoundError
from planterm.services import names
from planterm.services.names import UNTRIAGED_WORDS, suggestion
from planterm.storage import queries
from planterm.storage.queries import PlanRecord
from planterm.storage.store import SessionReader

__all__ = ["UNTRIAGED_WORDS", "suggestion"]

Row = TypeVar("Row")


def _get(session: Session, model: type[Row], id_: int) -> Row:
    row = session.get(model, id_)
    if row is None:  # deleted between the lookup and the read: the same session makes this rare
        raise NotFoundError("that record no longer exists", hint="reload and try again")
    return row


def _record(plan: Plan) -> PlanRecord:
    """The plan in hand as the finding rules take it, without reading it again."""
    return PlanRecord(
        plan.id or 0, plan.key, plan.title, plan.issuing_body, plan.period, plan.scheme_name
    )


def plan_by_key(session: Session, key: str) -> Plan:
    return _get(session, Plan, names.find_plan(SessionReader(session), key).id)


def action_by_ref(session: Session, plan: Plan, ref: str) -> Action:
    reader = SessionReader(session)
    return _get(session, Action, names.find_action(reader, _record(plan), ref))


def theme_by_name(session: Session, plan: Plan, name: str) -> Theme:
    reader = SessionReader(session)
    record = _record(plan)
    return _get(session, Theme, names.find_theme(reader, record, name).id)


def agency_by_name(session: Session, name: str) -> Agency:
    """The agency called `name`, or known by it as an alias."""
    return _get(session, Agency, names.find_agency(SessionReader(session), name).id)


def plan_statuses(session: Session, plan: Plan) -> list[Status]:
    return list(
        session.exec(select(Status).where(Status.plan_id == plan.id).order_by(col(Status.position)))
    )


def status_for_word(session: Session, plan: Plan, word: str) -> Status | None:
    """The plan's status a user means by `word`; None means untriaged."""
    found = names.status_for_word(
        plan.key, queries.statuses(SessionReader(session), [plan.id or 0]), word
    )
    return None if found is None else _get(session, Status, found.id)
