"""Counts by status, per plan and per theme, as a delivery report writes them."""

from collections import Counter

import sqlalchemy as sa
from sqlmodel import Session, col, select

from planterm.domain.models import Action, Plan, Theme
from planterm.domain.views import PlanSummary, StatusCount, StatusView, ThemeSummary
from planterm.services import catalog
from planterm.storage import queries
from planterm.storage.store import Store


def plan_summaries(store: Store, plan_key: str | None = None) -> list[PlanSummary]:
    with store.read() as session:
        if plan_key:
            plans = [catalog.plan_by_key(session, plan_key)]
        else:
            plans = list(session.exec(select(Plan).order_by(col(Plan.key))))
        return [_summary(session, plan) for plan in plans]


def _summary(session: Session, plan: Plan) -> PlanSummary:
    statuses = queries.plan_statuses(session, plan.id or 0)
    themes = session.exec(
        select(Theme).where(Theme.plan_id == plan.id).order_by(col(Theme.position))
    ).all()
    counted = session.execute(
        sa.select(col(Action.theme_id), col(Action.status_id), sa.func.count())
        .where(col(Action.plan_id) == plan.id)
        .group_by(col(Action.theme_id), col(Action.status_id))
    ).all()
    by_theme: dict[int, Counter[int | None]] = {t.id or 0: Counter() for t in themes}
    for theme_id, status_id, count in counted:
        by_theme[theme_id][status_id] += count
    overall: Counter[int | None] = Counter()
    for counter in by_theme.values():
        overall.update(counter)
    return PlanSummary(
        key=plan.key,
        title=plan.title,
        issuing_body=plan.issuing_body,
        period=plan.period,
        scheme_name=plan.scheme_name,
        statuses=tuple(view for _, view in statuses),
        total=sum(overall.values()),
        counts=_counts(overall, statuses),
        themes=tuple(
            ThemeSummary(
                name=t.name,
                total=sum(by_theme[t.id or 0].values()),
                counts=_counts(by_theme[t.id or 0], statuses),
            )
            for t in themes
        ),
    )


def _counts(
    counter: Counter[int | None], statuses: list[tuple[int, StatusView]]
) -> tuple[StatusCount, ...]:
    """A count for every status of the scheme, in its order, then untriaged."""
    counts = [StatusCount(view, counter.get(status_id, 0)) for status_id, view in statuses]
    counts.append(StatusCount(None, counter.get(None, 0)))
    return tuple(counts)
