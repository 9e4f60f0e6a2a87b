"""Changing an action: its status, and its dated updates.

Each function is one write transaction. A status change is refused, not
applied, when the action changed since the caller read it
(`expected_version`), and the message says what the other change was.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from planterm.domain import rules
from planterm.domain.models import Action, Plan, Status, StatusChange, Update
from planterm.domain.utc import utc_text
from planterm.domain.views import UpdateView
from planterm.errors import ConflictError, InputError
from planterm.services import catalog
from planterm.storage.reader import as_utc
from planterm.storage.store import Store


@dataclass(frozen=True)
class StatusResult:
    plan: str
    ref: str
    changed: bool
    from_key: str | None
    to_key: str | None
    version: int


def set_status(
    store: Store,
    *,
    plan_key: str,
    ref: str,
    status: str,
    author: str,
    now: datetime,
    reason: str | None = None,
    expected_version: int | None = None,
) -> StatusResult:
    try:
        with store.write() as session:
            plan = catalog.plan_by_key(session, plan_key)
            action = catalog.action_by_ref(session, plan, ref)
            if expected_version is not None and action.version != expected_version:
                raise stale_conflict(session, plan, action)
            target = catalog.status_for_word(session, plan, status)
            before = _status_key(session, action.status_id)
            after = target.key if target else None
            if before == after:
                return StatusResult(plan.key, action.ref, False, before, after, action.version)
            at = _after_last_change(session, action, now)
            action.status_id = target.id if target else None
            action.modified_at = at
            session.add(action)
            session.add(
                StatusChange(
                    action_id=action.id or 0,
                    at=at,
                    from_key=before,
                    to_key=after,
                    by=author,
                    reason=(reason or "").strip() or None,
                )
            )
            session.flush()
            return StatusResult(plan.key, action.ref, True, before, after, action.version)
    except StaleDataError:
        raise ConflictError(
            f"ref {ref} of plan {plan_key} was changed by someone else while saving",
            hint="read it again and re-apply your change",
        ) from None


def _status_key(session: Session, status_id: int | None) -> str | None:
    if status_id is None:
        return None
    status = session.get(Status, status_id)
    return status.key if status else None


def _last_change(session: Session, action: Action) -> StatusChange | None:
    return session.exec(
        select(StatusChange)
        .where(StatusChange.action_id == action.id)
        .order_by(col(StatusChange.at).desc(), col(StatusChange.id).desc())
    ).first()


def _after_last_change(session: Session, action: Action, now: datetime) -> datetime:
    """`now`, or the time of the action's last status change when that is later.

    The history is read in order of time. A caller reads its clock before it
    waits for the write lock, so another process may read a later time and
    commit first; stamped with its own earlier time, this change would be
    listed before the one it follows and the history would not chain.
    """
    last = _last_change(session, action)
    return max(now, last.at) if last is not None else now


def stale_conflict(session: Session, plan: Plan, action: Action) -> ConflictError:
    """Name the change someone else made since the caller read the action: the last
    status change, or an edit when the action was edited after it."""
    last = _last_change(session, action)
    if last is not None and as_utc(action.modified_at) <= as_utc(last.at):
        what = (
            f"status {last.from_key or 'untriaged'} → {last.to_key or 'untriaged'} "
            f"by {last.by} at {utc_text(last.at)}"
        )
    else:
        what = f"edited at {utc_text(action.modified_at)}"
    return ConflictError(
        f"ref {action.ref} of plan {plan.key} changed since you read it ({what})",
        hint="reload it and apply your change again if it still holds",
    )


def add_update(
    store: Store,
    *,
    plan_key: str,
    ref: str,
    body: str,
    day: date,
    author: str,
    now: datetime,
    period: str | None = None,
) -> UpdateView:
    """Add a dated progress note. Never conflicts: every update is kept."""
    if not body.strip():
        raise InputError("an update needs some text", hint="give it with --body")
    label = period.strip() if period and period.strip() else rules.Quarter.containing(day).label
    with store.write() as session:
        plan = catalog.plan_by_key(session, plan_key)
        action = catalog.action_by_ref(session, plan, ref)
        update = Update(
            action_id=action.id or 0,
            date=day,
            period=label,
            author=author.strip() or None,
            body=body,
            created_at=now,
        )
        session.add(update)
        session.flush()
        return UpdateView(update.id or 0, update.date, update.period, update.author, update.body)
