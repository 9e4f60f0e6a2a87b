"""Correcting and removing updates already written.

An update is never lost: a correction or removal first copies what the
update said into `UpdateRevision`, and a removed update can be restored.
"""

from datetime import date, datetime

from sqlmodel import Session, col, select

from planterm.domain.models import Update, UpdateRevision
from planterm.domain.utc import utc_text
from planterm.domain.views import UpdateView
from planterm.errors import ConflictError, InputError, NotFoundError
from planterm.storage.store import Store


def _get(session: Session, update_id: int) -> Update:
    update = session.get(Update, update_id)
    if update is None:
        raise NotFoundError("that update no longer exists", hint="reload the action")
    return update


def _keep(session: Session, update: Update, *, change: str, by: str, now: datetime) -> None:
    session.add(
        UpdateRevision(
            update_id=update.id or 0,
            at=now,
            by=by,
            change=change,
            date=update.date,
            period=update.period,
            author=update.author,
            body=update.body,
        )
    )


def _view(update: Update) -> UpdateView:
    return UpdateView(update.id or 0, update.date, update.period, update.author, update.body)


def correct_update(
    store: Store,
    *,
    update_id: int,
    body: str,
    day: date,
    period: str | None,
    author: str | None,
    by: str,
    now: datetime,
    expected: UpdateView | None = None,
) -> UpdateView:
    """Rewrite an update; its earlier wording stays in its revisions.

    With `expected` (the update as the user saw it), a correction of an
    update someone else has corrected or removed since is refused.
    """
    if not body.strip():
        raise InputError("an update needs some text", hint="remove it instead")
    with store.write() as session:
        update = _get(session, update_id)
        if expected is not None and (update.removed_at is not None or _view(update) != expected):
            raise _changed_elsewhere(session, update)
        _keep(session, update, change="corrected", by=by, now=now)
        update.body = body
        update.date = day
        update.period = (period or "").strip() or None
        update.author = (author or "").strip() or None
        session.add(update)
        return _view(update)


def _changed_elsewhere(session: Session, update: Update) -> ConflictError:
    last = session.exec(
        select(UpdateRevision)
        .where(UpdateRevision.update_id == update.id)
        .order_by(col(UpdateRevision.at).desc(), col(UpdateRevision.id).desc())
    ).first()
    what = f"{last.change} by {last.by} at {utc_text(last.at)}" if last else "changed"
    return ConflictError(
        f"the update of {update.date} changed since you opened it ({what})",
        hint="reload it and correct it again if your correction still holds",
    )


def remove_update(store: Store, *, update_id: int, by: str, now: datetime) -> UpdateView:
    """Hide an update from the plan; it stays in the database and can come back."""
    with store.write() as session:
        update = _get(session, update_id)
        if update.removed_at is None:
            _keep(session, update, change="removed", by=by, now=now)
            update.removed_at = now
            update.removed_by = by
            session.add(update)
        return _view(update)


def restore_update(store: Store, *, update_id: int, by: str, now: datetime) -> UpdateView:
    with store.write() as session:
        update = _get(session, update_id)
        if update.removed_at is not None:
            _keep(session, update, change="restored", by=by, now=now)
            update.removed_at = None
            update.removed_by = None
            session.add(update)
        return _view(update)


def update_revisions(store: Store, update_id: int) -> list[tuple[datetime, str, str, str]]:
    """(when, who, what happened, the wording before) for one update, oldest first."""
    with store.read() as session:
        rows = session.exec(
            select(UpdateRevision)
            .where(UpdateRevision.update_id == update_id)
            .order_by(col(UpdateRevision.at), col(UpdateRevision.id))
        ).all()
        return [(r.at, r.by, r.change, r.body) for r in rows]
