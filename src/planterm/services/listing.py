"""What the list and show commands (and the UI's tables) display."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from planterm.domain import rules
from planterm.domain.models import Action, Plan, Status, StatusChange, Update
from planterm.domain.views import ActionDetail, ActionRow, HistoryView, StatusView, UpdateView
from planterm.errors import NotFoundError
from planterm.services import catalog
from planterm.storage import queries
from planterm.storage.store import Store


@dataclass(frozen=True)
class ListFilters:
    """What to narrow the list to; every filter given must hold (AND)."""

    plan: str | None = None
    theme: str | None = None
    status: str | None = None
    agency: str | None = None
    search: str | None = None
    flags: frozenset[str] = frozenset()


def list_actions(store: Store, filters: ListFilters, *, today: date) -> list[ActionRow]:
    with store.read() as session:
        return _list(session, filters, today=today)


def _list(session: Session, filters: ListFilters, *, today: date) -> list[ActionRow]:
    plan = catalog.plan_by_key(session, filters.plan) if filters.plan else None
    plan_id = plan.id if plan else None
    criteria: dict[str, Any] = {"plan_id": plan_id}
    theme_ids: list[int] | None = None
    if filters.theme:
        if plan is not None:
            theme_ids = [catalog.theme_by_name(session, plan, filters.theme).id or 0]
        else:
            theme_ids = [t.id or 0 for t in catalog.themes_named(session, filters.theme)]
    if filters.status:
        status_ids, untriaged = _status_ids(session, plan, filters.status)
        criteria["status_ids"] = status_ids
        criteria["untriaged"] = untriaged
    if filters.agency:
        agency = catalog.agency_by_name(session, filters.agency)
        names = [n.casefold() for n in (agency.name, *agency.aliases)]
        criteria["agency"] = (agency.id, names)
    if filters.search is not None:
        criteria["action_ids"] = queries.search_action_ids(session, filters.search)

    quarter = rules.Quarter.containing(today)
    rows: list[Any] = []
    theme_choices: list[int | None] = list(theme_ids) if theme_ids else [None]
    for theme_id in theme_choices:
        rows.extend(
            queries.action_rows(
                session, quarter=(quarter.start, quarter.end), theme_id=theme_id, **criteria
            )
        )
    statuses = queries.status_views(session, [plan_id] if plan_id else None)
    leads = queries.leads_by_action(
        session,
        plan_id=plan_id,
        action_ids=[r.id for r in rows] if len(rows) < 500 else None,
    )
    result = [_to_row(r, statuses, leads.get(r.id, []), today) for r in rows]
    if filters.flags:
        result = [r for r in result if filters.flags <= set(r.flags)]
    return result


def _status_ids(session: Session, plan: Plan | None, word: str) -> tuple[list[int], bool]:
    """Status ids meaning `word` in the scheme of `plan`, or of any plan."""
    plans = [plan] if plan else list(session.exec(select(Plan).order_by(col(Plan.key))))
    ids: list[int] = []
    untriaged = False
    missing: NotFoundError | None = None
    for each in plans:
        try:
            status = catalog.status_for_word(session, each, word)
        except NotFoundError as exc:
            missing = exc
            continue
        if status is None:
            untriaged = True
        else:
            ids.append(status.id or 0)
    if not ids and not untriaged:
        if plan is not None and missing is not None:
            raise missing
        keys = sorted({s.key for s in session.exec(select(Status))})
        raise NotFoundError(
            f"no plan has a status {word!r}", hint=f"use one of {', '.join(keys)}, or untriaged"
        )
    return ids, untriaged


def _parse_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _to_row(row: Any, statuses: dict[int, StatusView], leads: list[str], today: date) -> ActionRow:
    status = statuses.get(row.status_id) if row.status_id is not None else None
    due = _parse_date(row.due)
    start_after = _parse_date(row.start_after)
    flags = rules.flags_for(
        due=due,
        start_after=start_after,
        category=status.category if status else None,
        updated_this_quarter=bool(row.in_quarter),
        today=today,
    )
    return ActionRow(
        id=row.id,
        plan=row.plan,
        theme=row.theme,
        ref=row.ref,
        text=row.text,
        leads=tuple(leads),
        owner=row.owner,
        status=status,
        due=due,
        start_after=start_after,
        last_update=_parse_date(row.last_update),
        update_count=int(row.update_count),
        flags=flags,
        fields=dict(row.fields or {}),
        version=row.version,
    )


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
    rows = queries.action_rows(
        session, quarter=(quarter.start, quarter.end), action_ids=[action_id]
    )
    statuses = queries.status_views(session, [action.plan_id])
    leads = queries.leads_by_action(session, action_ids=[action_id])
    row = _to_row(rows[0], statuses, leads.get(action_id, []), today)
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
