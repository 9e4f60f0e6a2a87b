"""What the list and show commands (and the UI's tables) display."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from planterm.domain import rules
from planterm.domain.rules import Flag
from planterm.domain.views import ActionRow, StatusView
from planterm.errors import NotFoundError
from planterm.services import names
from planterm.storage import queries
from planterm.storage.queries import PlanRecord
from planterm.storage.reader import Reader, ReadSource


@dataclass(frozen=True)
class ListFilters:
    """What to narrow the list to; every filter given must hold (AND)."""

    plan: str | None = None
    theme: str | None = None
    status: str | None = None
    agency: str | None = None
    search: str | None = None
    flags: frozenset[str] = frozenset()


def list_actions(
    source: ReadSource, filters: ListFilters, *, today: date, with_leads: bool = True
) -> list[ActionRow]:
    """The actions that pass every filter, in plan order.

    SQL narrows by plan, theme, status, agency, words and the date half of
    the overdue and due-to-start rules; each row's flags then come from
    `domain.rules`, the one statement of those rules. `with_leads=False`
    leaves every row's leads empty, for a view that does not show them.
    """
    with source.reading() as db:
        return _list(db, filters, today=today, with_leads=with_leads)


def _list(db: Reader, filters: ListFilters, *, today: date, with_leads: bool) -> list[ActionRow]:
    chosen, plan_id = chosen_actions(db, filters, today=today)
    quarter = rules.Quarter.containing(today)
    rows = queries.action_rows(db, chosen, quarter=(quarter.start, quarter.end))
    statuses = queries.status_views(db, [plan_id] if plan_id else None)
    leads: dict[int, list[str]] = {}
    if with_leads:
        leads = queries.leads_by_action(
            db, plan_id=plan_id, action_ids=[r.id for r in rows] if len(rows) < 500 else None
        )
    result = [to_row(r, statuses, leads.get(r.id, []), today) for r in rows]
    if filters.flags:
        result = [r for r in result if filters.flags <= set(r.flags)]
    return result


def chosen_actions(
    db: Reader, filters: ListFilters, *, today: date
) -> tuple[queries.ActionFilter, int | None]:
    """The SQL side of `filters`, and the id of the plan it names, if it names one."""
    plan = names.find_plan(db, filters.plan) if filters.plan else None
    plan_id = plan.id if plan else None
    theme_ids: list[int] | None = None
    if filters.theme:
        if plan is not None:
            theme_ids = [names.find_theme(db, plan, filters.theme).id]
        else:
            theme_ids = [t.id for t in names.themes_named(db, filters.theme)]
    status_ids: list[int] | None = None
    untriaged = Flag.UNTRIAGED in filters.flags
    if filters.status:
        status_ids, untriaged = _status_ids(db, plan, filters.status)
    agency = None
    if filters.agency:
        found = names.find_agency(db, filters.agency)
        agency = (found.id, [n.casefold() for n in found.names])
    chosen = queries.ActionFilter(
        plan_id=plan_id,
        theme_ids=theme_ids,
        status_ids=status_ids,
        untriaged=untriaged,
        agency=agency,
        search=filters.search,
        due_before=today if Flag.OVERDUE in filters.flags else None,
        started_by=today if Flag.DUE_TO_START in filters.flags else None,
    )
    return chosen, plan_id


def _status_ids(db: Reader, plan: PlanRecord | None, word: str) -> tuple[list[int], bool]:
    """Status ids meaning `word` in the scheme of `plan`, or of any plan."""
    plans = [plan] if plan else queries.plans(db)
    by_plan: dict[int, list[queries.StatusRecord]] = defaultdict(list)
    every = queries.statuses(db, [plan.id] if plan else None)
    for status in every:
        by_plan[status.plan_id].append(status)
    ids: list[int] = []
    untriaged = False
    missing: NotFoundError | None = None
    for each in plans:
        try:
            meant = names.status_for_word(each.key, by_plan[each.id], word)
        except NotFoundError as exc:
            missing = exc
            continue
        if meant is None:
            untriaged = True
        else:
            ids.append(meant.id)
    if not ids and not untriaged:
        if plan is not None and missing is not None:
            raise missing
        keys = sorted({s.view.key for s in every})
        raise NotFoundError(
            f"no plan has a status {word!r}", hint=f"use one of {', '.join(keys)}, or untriaged"
        )
    return ids, untriaged


def to_row(
    row: queries.ActionRecord, statuses: dict[int, StatusView], leads: list[str], today: date
) -> ActionRow:
    """The list's view of one action, its flags from `domain.rules`."""
    status = statuses.get(row.status_id) if row.status_id is not None else None
    flags = rules.flags_for(
        due=row.due,
        start_after=row.start_after,
        category=status.category if status else None,
        updated_this_quarter=bool(row.in_quarter),
        today=today,
    )
    return ActionRow(
        row.id, row.plan, row.theme, row.ref, row.text, tuple(leads), row.owner, status,
        row.due, row.start_after, row.last_update, row.update_count, flags, row.fields,
        row.version,
    )  # fmt: skip
