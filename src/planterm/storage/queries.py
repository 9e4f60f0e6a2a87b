"""Read queries behind the list, summary and show views.

Plain Core SELECTs, a few per view, so that a list of ten thousand actions
costs three queries rather than one per row.
"""

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from planterm.domain.models import Action, ActionLead, Agency, Plan, Status, Theme, Update
from planterm.domain.schemes import Category
from planterm.domain.views import StatusView

A = Action.__table__  # type: ignore[attr-defined]
T = Theme.__table__  # type: ignore[attr-defined]
P = Plan.__table__  # type: ignore[attr-defined]
S = Status.__table__  # type: ignore[attr-defined]
U = Update.__table__  # type: ignore[attr-defined]
L = ActionLead.__table__  # type: ignore[attr-defined]
G = Agency.__table__  # type: ignore[attr-defined]


def status_views(
    session: Session, plan_ids: Collection[int] | None = None
) -> dict[int, StatusView]:
    """Every status (of the given plans), by status id."""
    query = sa.select(S).order_by(S.c.plan_id, S.c.position)
    if plan_ids is not None:
        query = query.where(S.c.plan_id.in_(list(plan_ids)))
    return {row.id: to_status_view(row) for row in session.execute(query)}


def plan_statuses(session: Session, plan_id: int) -> list[tuple[int, StatusView]]:
    query = sa.select(S).where(S.c.plan_id == plan_id).order_by(S.c.position)
    return [(row.id, to_status_view(row)) for row in session.execute(query)]


def to_status_view(row: Any) -> StatusView:
    return StatusView(
        key=row.key,
        label=row.label,
        meaning=row.meaning,
        symbol=row.symbol,
        category=Category(row.category),
        colour=row.colour,
        aliases=tuple(row.aliases or ()),
    )


def action_rows(
    session: Session,
    *,
    quarter: tuple[date, date],
    plan_id: int | None = None,
    theme_id: int | None = None,
    status_ids: Collection[int] | None = None,
    untriaged: bool = False,
    agency: tuple[int, Sequence[str]] | None = None,
    action_ids: Collection[int] | None = None,
) -> Sequence[Any]:
    """Actions with their plan, theme and update counts, in plan order.

    `quarter` bounds the count of updates dated this reporting quarter;
    `agency` is (agency id, lower-cased names) and matches leads or owner.
    """
    stats = (
        sa.select(
            U.c.action_id,
            sa.func.max(U.c.date).label("last_update"),
            sa.func.count().label("update_count"),
            sa.func.sum(sa.case((U.c.date.between(quarter[0], quarter[1]), 1), else_=0)).label(
                "in_quarter"
            ),
        )
        .where(U.c.removed_at.is_(None))
        .group_by(U.c.action_id)
        .subquery()
    )
    query = (
        sa.select(
            A.c.id,
            A.c.ref,
            A.c.text,
            A.c.owner,
            A.c.status_id,
            A.c.due,
            A.c.start_after,
            A.c.fields,
            A.c.version,
            P.c.key.label("plan"),
            T.c.name.label("theme"),
            stats.c.last_update,
            sa.func.coalesce(stats.c.update_count, 0).label("update_count"),
            sa.func.coalesce(stats.c.in_quarter, 0).label("in_quarter"),
        )
        .join(T, T.c.id == A.c.theme_id)
        .join(P, P.c.id == A.c.plan_id)
        .outerjoin(stats, stats.c.action_id == A.c.id)
        .order_by(P.c.key, T.c.position, A.c.position, A.c.id)
    )
    if plan_id is not None:
        query = query.where(A.c.plan_id == plan_id)
    if theme_id is not None:
        query = query.where(A.c.theme_id == theme_id)
    if status_ids is not None and untriaged:
        query = query.where(sa.or_(A.c.status_id.in_(list(status_ids)), A.c.status_id.is_(None)))
    elif status_ids is not None:
        query = query.where(A.c.status_id.in_(list(status_ids)))
    elif untriaged:
        query = query.where(A.c.status_id.is_(None))
    if agency is not None:
        agency_id, names = agency
        led = sa.select(L.c.action_id).where(L.c.agency_id == agency_id)
        query = query.where(
            sa.or_(A.c.id.in_(led), sa.func.lower(sa.func.trim(A.c.owner)).in_(list(names)))
        )
    if action_ids is not None:
        query = query.where(A.c.id.in_(list(action_ids)))
    return session.execute(query).all()


def leads_by_action(
    session: Session, *, plan_id: int | None = None, action_ids: Collection[int] | None = None
) -> dict[int, list[str]]:
    query = (
        sa.select(L.c.action_id, G.c.name)
        .join(G, G.c.id == L.c.agency_id)
        .order_by(L.c.action_id, L.c.position)
    )
    if action_ids is not None:
        query = query.where(L.c.action_id.in_(list(action_ids)))
    elif plan_id is not None:
        query = query.where(L.c.action_id.in_(sa.select(A.c.id).where(A.c.plan_id == plan_id)))
    leads: dict[int, list[str]] = defaultdict(list)
    for action_id, name in session.execute(query):
        leads[action_id].append(name)
    return leads


_TOKEN = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The words of a search, as the full-text index splits them.

    Brackets, quotes and other punctuation separate words and are otherwise
    ignored, so "[PCC]" searches for PCC.
    """
    return _TOKEN.findall(text)


def search_action_ids(session: Session, text: str) -> set[int]:
    """Actions whose text, or one of whose updates, holds every word of `text`.

    Each word matches as a prefix ("commission" finds "commissioning").
    SQLite uses its FTS5 index; other engines fall back to a case-blind LIKE.
    """
    terms = search_terms(text)
    if not terms:
        return set()
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{term}"*' for term in terms)
        found = session.execute(
            sa.text(
                "SELECT rowid FROM action_fts WHERE action_fts MATCH :q "
                "UNION SELECT u.action_id FROM update_fts "
                "JOIN progress_update u ON u.id = update_fts.rowid "
                "WHERE update_fts MATCH :q AND u.removed_at IS NULL"
            ),
            {"q": match},
        )
        return {row[0] for row in found}
    text_hits = sa.and_(*(A.c.text.ilike(f"%{t}%") for t in terms))
    update_hits = sa.and_(U.c.removed_at.is_(None), *(U.c.body.ilike(f"%{t}%") for t in terms))
    query = sa.union(
        sa.select(A.c.id).where(text_hits),
        sa.select(U.c.action_id).where(update_hits),
    )
    return {row[0] for row in session.execute(query)}
