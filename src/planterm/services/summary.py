"""Counts by status, per plan and per theme, as a delivery report writes them."""

from collections import Counter, defaultdict

from planterm.domain.views import PlanSummary, StatusCount, StatusView, ThemeSummary
from planterm.services import names
from planterm.storage import queries
from planterm.storage.queries import PlanRecord
from planterm.storage.reader import Reader, ReadSource


def plan_summaries(source: ReadSource, plan_key: str | None = None) -> list[PlanSummary]:
    """Each plan's counts (or one plan's), from four queries whatever the number of plans."""
    with source.reading() as db:
        plans = [names.find_plan(db, plan_key)] if plan_key else queries.plans(db)
        return summarise(db, plans, one=plan_key is not None)


def summarise(db: Reader, plans: list[PlanRecord], *, one: bool) -> list[PlanSummary]:
    plan_id = plans[0].id if one and plans else None
    statuses: dict[int, list[tuple[int, StatusView]]] = defaultdict(list)
    for record in queries.statuses(db, [plan_id] if plan_id else None):
        statuses[record.plan_id].append((record.id, record.view))
    themes: dict[int, list[queries.ThemeRecord]] = defaultdict(list)
    for theme in queries.themes(db, plan_id):
        themes[theme.plan_id].append(theme)
    by_theme: dict[int, Counter[int | None]] = defaultdict(Counter)
    for _, theme_id, status_id, count in queries.status_counts(db, plan_id):
        by_theme[theme_id][status_id] += count
    return [_summary(plan, statuses[plan.id], themes[plan.id], by_theme) for plan in plans]


def _summary(
    plan: PlanRecord,
    statuses: list[tuple[int, StatusView]],
    themes: list[queries.ThemeRecord],
    by_theme: dict[int, Counter[int | None]],
) -> PlanSummary:
    overall: Counter[int | None] = Counter()
    for theme in themes:
        overall.update(by_theme[theme.id])
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
                total=sum(by_theme[t.id].values()),
                counts=_counts(by_theme[t.id], statuses),
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
