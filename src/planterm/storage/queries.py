"""The read queries, as SQL text written once for SQLite and PostgreSQL.

Each function takes a `Reader` (raw sqlite3, or a SQLAlchemy session) and
returns plain records. A list of ten thousand actions costs a handful of
queries, never one per row; filters, sorts and counts happen in SQL.
"""

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import NamedTuple

from planterm.domain.schemes import Category
from planterm.domain.views import HistoryView, StatusView, UpdateView
from planterm.storage.reader import Reader, as_date, as_dates, as_json, as_utc, in_list
from planterm.storage.text_search import TS_CONFIG, prefix_query, ts_vector


class PlanRecord(NamedTuple):
    id: int
    key: str
    title: str
    issuing_body: str
    period: str | None
    scheme_name: str


class ThemeRecord(NamedTuple):
    id: int
    plan_id: int
    name: str


class AgencyRecord(NamedTuple):
    id: int
    name: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class StatusRecord(NamedTuple):
    id: int
    plan_id: int
    view: StatusView


class ActionRecord(NamedTuple):
    """An action with its plan key, theme name and update counts."""

    id: int
    ref: str
    text: str
    owner: str | None
    status_id: int | None
    due: date | None
    start_after: date | None
    fields: dict[str, str]
    version: int
    plan: str
    theme: str
    last_update: date | None
    update_count: int
    in_quarter: int


_PLAN = "SELECT id, key, title, issuing_body, period, scheme_name FROM plan"


def plans(db: Reader) -> list[PlanRecord]:
    """Every plan, by key."""
    return [PlanRecord(*row) for row in db.rows(f"{_PLAN} ORDER BY key")]


def plan_keyed(db: Reader, key: str) -> PlanRecord | None:
    """The plan with this key, exactly, else the one with it in another case."""
    found = db.rows(f"{_PLAN} WHERE key = :key", {"key": key})
    if not found:
        found = db.rows(f"{_PLAN} WHERE lower(key) = lower(:key) ORDER BY key", {"key": key})
    return PlanRecord(*found[0]) if found else None


def themes(db: Reader, plan_id: int | None = None) -> list[ThemeRecord]:
    """The themes of a plan (or of every plan), in plan order."""
    where, params = ("WHERE plan_id = :plan_id", {"plan_id": plan_id}) if plan_id else ("", {})
    found = db.rows(
        f"SELECT id, plan_id, name FROM theme {where} ORDER BY plan_id, position", params
    )
    return [ThemeRecord(*row) for row in found]


def agencies(db: Reader) -> list[AgencyRecord]:
    found = db.rows("SELECT id, name, aliases FROM agency ORDER BY name")
    return [AgencyRecord(id_, name, tuple(as_json(aliases) or ())) for id_, name, aliases in found]


def statuses(db: Reader, plan_ids: Collection[int] | None = None) -> list[StatusRecord]:
    """Every status (of the given plans), in each plan's scheme order."""
    where, params = "", dict[str, object]()
    if plan_ids is not None:
        listed, params = in_list("plan", plan_ids)
        where = f"WHERE plan_id IN {listed}"
    found = db.rows(
        "SELECT id, plan_id, key, label, meaning, symbol, category, colour, aliases "
        f"FROM status {where} ORDER BY plan_id, position",
        params,
    )
    return [
        StatusRecord(
            id_,
            plan_id,
            StatusView(
                key=key,
                label=label,
                meaning=meaning,
                symbol=symbol,
                category=Category(category),
                colour=colour,
                aliases=tuple(as_json(aliases) or ()),
            ),
        )
        for id_, plan_id, key, label, meaning, symbol, category, colour, aliases in found
    ]


def status_views(db: Reader, plan_ids: Collection[int] | None = None) -> dict[int, StatusView]:
    """Every status (of the given plans), by status id."""
    return {record.id: record.view for record in statuses(db, plan_ids)}


def plan_statuses(db: Reader, plan_id: int) -> list[tuple[int, StatusView]]:
    return [(record.id, record.view) for record in statuses(db, [plan_id])]


class ActionFilter(NamedTuple):
    """Which actions `action_rows` gives; every part given must hold (AND).

    `due_before` and `started_by` narrow to actions with a due date before,
    or a start date on or before, that day: the date half of the overdue and
    due-to-start rules, whose whole lives in `domain.rules`.
    """

    plan_id: int | None = None
    theme_ids: Collection[int] | None = None
    status_ids: Collection[int] | None = None
    untriaged: bool = False
    agency: tuple[int, Sequence[str]] | None = None
    action_ids: Collection[int] | None = None
    search: str | None = None
    due_before: date | None = None
    started_by: date | None = None

    def where(self, db: Reader) -> tuple[list[str], dict[str, object]]:
        """The WHERE conditions on `action a` and their parameters."""
        conditions: list[str] = []
        params: dict[str, object] = {}

        def add(condition: str, more: dict[str, object] | None = None) -> None:
            conditions.append(condition)
            params.update(more or {})

        if self.plan_id is not None:
            add("a.plan_id = :plan_id", {"plan_id": self.plan_id})
        if self.theme_ids is not None:
            listed, more = in_list("theme", self.theme_ids)
            add(f"a.theme_id IN {listed}", more)
        if self.status_ids is not None:
            listed, more = in_list("status", self.status_ids)
            either = " OR a.status_id IS NULL" if self.untriaged else ""
            add(f"(a.status_id IN {listed}{either})", more)
        elif self.untriaged:
            add("a.status_id IS NULL")
        if self.agency is not None:
            agency_id, names = self.agency
            listed, more = in_list("owner", [n.casefold() for n in names])
            add(
                "(a.id IN (SELECT action_id FROM action_lead WHERE agency_id = :agency_id) "
                f"OR lower(trim(a.owner)) IN {listed})",
                {"agency_id": agency_id, **more},
            )
        if self.action_ids is not None:
            listed, more = in_list("action", self.action_ids)
            add(f"a.id IN {listed}", more)
        if self.search is not None:
            found, more = search_condition(db, self.search)
            add(f"a.id IN ({found})", more)
        if self.due_before is not None:
            add("a.due IS NOT NULL AND a.due < :due_before", {"due_before": self.due_before})
        if self.started_by is not None:
            add(
                "a.start_after IS NOT NULL AND a.start_after <= :started_by",
                {"started_by": self.started_by},
            )
        return conditions, {k: _param(v) for k, v in params.items()}


def _chosen(db: Reader, chosen: ActionFilter) -> tuple[str, dict[str, object]]:
    """FROM to ORDER BY for the chosen actions in plan order (`a` the action, `p`, `t`)."""
    conditions, params = chosen.where(db)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return (
        f"""FROM action a
        JOIN theme t ON t.id = a.theme_id
        JOIN plan p ON p.id = a.plan_id
        {where}
        ORDER BY p.key, t.position, a.position, a.id""",
        params,
    )


def action_order(db: Reader, chosen: ActionFilter) -> list[tuple[int, int]]:
    """The id and plan id of each chosen action, in the order `action_rows` gives them."""
    chosen_sql, params = _chosen(db, chosen)
    return [
        (id_, plan_id) for id_, plan_id in db.rows(f"SELECT a.id, a.plan_id {chosen_sql}", params)
    ]


def action_rows(
    db: Reader, chosen: ActionFilter, *, quarter: tuple[date, date]
) -> list[ActionRecord]:
    """Actions with their plan, theme and update counts, in plan order.

    `quarter` bounds the count of updates dated this reporting quarter.
    """
    chosen_sql, params = _chosen(db, chosen)
    # Each action's figures come from its own stretch of ix_update_live (revision 0005):
    # an index seek per action listed, never a pass over every update in the file.
    live = "FROM progress_update u WHERE u.action_id = a.id AND u.removed_at IS NULL"
    found = db.rows(
        f"""
        SELECT a.id, a.ref, a.text, a.owner, a.status_id, a.due, a.start_after, a.fields,
               a.version, p.key, t.name,
               (SELECT max(u.date) {live}),
               (SELECT count(*) {live}),
               CASE WHEN EXISTS (SELECT 1 {live}
                                 AND u.date BETWEEN :quarter_start AND :quarter_end)
                    THEN 1 ELSE 0 END
        {chosen_sql}
        """,
        {**params, "quarter_start": _param(quarter[0]), "quarter_end": _param(quarter[1])},
    )
    day = as_dates()
    return [
        ActionRecord(
            id_,
            ref,
            text,
            owner,
            status_id,
            day(due),
            day(start_after),
            as_json(fields) or {},
            version,
            plan,
            theme,
            day(last_update),
            int(update_count),
            int(in_quarter),
        )
        for (id_, ref, text, owner, status_id, due, start_after, fields, version, plan, theme,
             last_update, update_count, in_quarter) in found
    ]  # fmt: skip


def leads_by_action(
    db: Reader, *, plan_id: int | None = None, action_ids: Collection[int] | None = None
) -> dict[int, list[str]]:
    """The lead agencies of each action, in the order the plan gives them."""
    where, params = "", dict[str, object]()
    if action_ids is not None:
        listed, params = in_list("action", action_ids)
        where = f"WHERE l.action_id IN {listed}"
    elif plan_id is not None:
        where = "WHERE l.action_id IN (SELECT id FROM action WHERE plan_id = :plan_id)"
        params = {"plan_id": plan_id}
    found = db.rows(
        "SELECT l.action_id, g.name FROM action_lead l JOIN agency g ON g.id = l.agency_id "
        f"{where} ORDER BY l.action_id, l.position",
        params,
    )
    leads: dict[int, list[str]] = defaultdict(list)
    for action_id, name in found:
        leads[action_id].append(name)
    return leads


def status_counts(db: Reader, plan_id: int | None = None) -> list[tuple[int, int, int | None, int]]:
    """(plan id, theme id, status id, number of actions) for each pair that has any."""
    where, params = ("WHERE plan_id = :plan_id", {"plan_id": plan_id}) if plan_id else ("", {})
    found = db.rows(
        f"SELECT plan_id, theme_id, status_id, count(*) FROM action {where} "
        "GROUP BY plan_id, theme_id, status_id",
        params,
    )
    return [(plan, theme, status, int(n)) for plan, theme, status, n in found]


_TOKEN = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The words of a search, as the full-text index splits them.

    Brackets, quotes and other punctuation separate words and are otherwise
    ignored, so "[PCC]" searches for PCC.
    """
    return _TOKEN.findall(text)


def search_condition(db: Reader, text: str) -> tuple[str, dict[str, object]]:
    """A SELECT of the ids of actions whose text, or a live update, holds every word.

    Each word matches as a prefix ("commission" finds "commissioning").
    SQLite uses its FTS5 index, PostgreSQL its own text search over the GIN
    indexes of revision 0007 (`storage.text_search`).
    No words select nothing.
    """
    terms = search_terms(text)
    if not terms:
        return "SELECT CAST(NULL AS INTEGER) WHERE 1 = 0", {}
    if db.dialect == "sqlite":
        match = " ".join(f'"{term}"*' for term in terms)
        return (
            "SELECT rowid FROM action_fts WHERE action_fts MATCH :q "
            "UNION SELECT u.action_id FROM update_fts "
            # without INDEXED BY, SQLite reads each update's row, text and all (revision 0006)
            "JOIN progress_update u INDEXED BY ix_update_search ON u.id = update_fts.rowid "
            "WHERE update_fts MATCH :q AND u.removed_at IS NULL",
            {"q": match},
        )
    return (
        f"SELECT id FROM action WHERE {ts_vector('text')} @@ to_tsquery({TS_CONFIG}, :q) "
        "UNION SELECT action_id FROM progress_update "
        f"WHERE removed_at IS NULL AND {ts_vector('body')} @@ to_tsquery({TS_CONFIG}, :q)",
        {"q": prefix_query(terms)},
    )


def search_action_ids(db: Reader, text: str) -> set[int]:
    """The ids `search_condition` selects."""
    found, params = search_condition(db, text)
    return {row[0] for row in db.rows(found, params)}


def _param(value: object) -> object:
    """Dates go to the driver as ISO text, which SQLite stores and PostgreSQL casts."""
    return value.isoformat() if isinstance(value, date) else value


def action_times(db: Reader, action_id: int) -> tuple[int, datetime, datetime] | None:
    """(plan id, created at, modified at) of an action, or None when it is gone."""
    found = db.rows(
        "SELECT plan_id, created_at, modified_at FROM action WHERE id = :id", {"id": action_id}
    )
    if not found:
        return None
    plan_id, created, modified = found[0]
    return plan_id, as_utc(created), as_utc(modified)


def live_updates(db: Reader, action_id: int) -> list[UpdateView]:
    """An action's updates not removed, newest first."""
    found = db.rows(
        "SELECT id, date, period, author, body FROM progress_update "
        "WHERE action_id = :id AND removed_at IS NULL ORDER BY date DESC, id DESC",
        {"id": action_id},
    )
    return [UpdateView(id_, as_date(day) or date.min, period, author, body)
            for id_, day, period, author, body in found]  # fmt: skip


def status_history(db: Reader, action_id: int) -> list[HistoryView]:
    """An action's status changes, oldest first."""
    found = db.rows(
        'SELECT at, from_key, to_key, "by", reason FROM status_change '
        "WHERE action_id = :id ORDER BY at, id",
        {"id": action_id},
    )
    return [HistoryView(as_utc(at), from_key, to_key, by, reason)
            for at, from_key, to_key, by, reason in found]  # fmt: skip


_FINGERPRINT = (
    "SELECT (SELECT count(*) FROM plan), (SELECT coalesce(sum(version), 0) FROM plan), "
    "(SELECT count(*) FROM theme), (SELECT count(*) FROM action), "
    "(SELECT coalesce(sum(version), 0) FROM action), (SELECT coalesce(max(id), 0) FROM action), "
    "(SELECT count(*) FROM progress_update), "
    "(SELECT coalesce(max(id), 0) FROM update_revision), "
    "(SELECT coalesce(max(id), 0) FROM status_change), (SELECT count(*) FROM agency)"
)


def fingerprint(db: Reader) -> tuple[int, ...]:
    """Numbers that change whenever anyone changes the plans; cheap enough to poll."""
    return tuple(int(value) for value in db.rows(_FINGERPRINT)[0])


def action_refs(db: Reader, plan_id: int) -> list[tuple[int, str]]:
    """(id, ref) of each action of a plan, in plan order."""
    found = db.rows(
        "SELECT a.id, a.ref FROM action a JOIN theme t ON t.id = a.theme_id "
        "WHERE a.plan_id = :plan_id ORDER BY t.position, a.position, a.id",
        {"plan_id": plan_id},
    )
    return [(id_, ref) for id_, ref in found]


def lead_counts(db: Reader) -> dict[int, int]:
    """The number of actions each agency leads, by agency id (none: absent)."""
    found = db.rows("SELECT agency_id, count(*) FROM action_lead GROUP BY agency_id")
    return {agency_id: int(n) for agency_id, n in found}
