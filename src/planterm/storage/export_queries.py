"""The reads behind a snapshot export: whole plans in a handful of queries.

SQL text written once for SQLite and PostgreSQL, like `storage.queries`,
and run through a `Reader`. Each query reads one kind of row for all the
chosen plans at once (ten thousand actions are one query, not ten thousand),
in the order the snapshot writes them.
"""

from collections.abc import Collection
from datetime import date, datetime
from typing import NamedTuple

from planterm.storage.reader import Reader, as_date, as_json, as_utc, in_list


class PlanRow(NamedTuple):
    id: int
    key: str
    title: str
    issuing_body: str
    source_document: str | None
    period: str | None
    vision: str | None
    mission: str | None
    description: str | None
    scheme_key: str
    scheme_name: str
    created_at: datetime | None
    modified_at: datetime | None


class ActionWhole(NamedTuple):
    """An action's own columns, as a snapshot keeps them (not the list's `views.ActionRow`)."""

    id: int
    plan_id: int
    theme_id: int
    ref: str
    text: str
    owner: str | None
    status_id: int | None
    due: date | None
    start_after: date | None
    created_at: datetime | None
    modified_at: datetime | None
    fields: dict[str, str]


def _scope(column: str, plan_ids: Collection[int] | None) -> tuple[str, dict[str, object]]:
    """A condition limiting `column` (a plan id) to `plan_ids`; none when None (every plan)."""
    if plan_ids is None:
        return "1 = 1", {}
    listed, params = in_list("plan", plan_ids)
    return f"{column} IN {listed}", params


def _action_scope(plan_ids: Collection[int] | None) -> tuple[str, dict[str, object]]:
    """A condition limiting `action_id` to the actions of `plan_ids`."""
    if plan_ids is None:
        return "1 = 1", {}
    inside, params = _scope("plan_id", plan_ids)
    return f"action_id IN (SELECT id FROM action WHERE {inside})", params


def plans(db: Reader, plan_ids: Collection[int] | None = None) -> list[PlanRow]:
    """The plans (all, or those given), by key."""
    where, params = _scope("id", plan_ids)
    found = db.rows(
        "SELECT id, key, title, issuing_body, source_document, period, vision, mission, "
        "description, scheme_key, scheme_name, created_at, modified_at "
        f"FROM plan WHERE {where} ORDER BY key",
        params,
    )
    return [
        PlanRow(
            id_, key, title, issuing_body, source_document, period, vision, mission,
            description, scheme_key, scheme_name, as_utc(created_at), as_utc(modified_at),
        )
        for (id_, key, title, issuing_body, source_document, period, vision, mission,
             description, scheme_key, scheme_name, created_at, modified_at) in found
    ]  # fmt: skip


def themes(
    db: Reader, plan_ids: Collection[int] | None = None
) -> list[tuple[int, int, str, str | None]]:
    """(id, plan id, name, description) of each theme, in plan order."""
    where, params = _scope("plan_id", plan_ids)
    found = db.rows(
        "SELECT id, plan_id, name, description FROM theme "
        f"WHERE {where} ORDER BY plan_id, position",
        params,
    )
    return [(id_, plan_id, name, description) for id_, plan_id, name, description in found]


def actions(db: Reader, plan_ids: Collection[int] | None = None) -> list[ActionWhole]:
    """The actions of the plans, in plan order: by plan key, theme, then position."""
    where, params = _scope("a.plan_id", plan_ids)
    found = db.rows(
        "SELECT a.id, a.plan_id, a.theme_id, a.ref, a.text, a.owner, a.status_id, a.due, "
        "a.start_after, a.created_at, a.modified_at, a.fields "
        "FROM action a JOIN plan p ON p.id = a.plan_id JOIN theme t ON t.id = a.theme_id "
        f"WHERE {where} ORDER BY p.key, t.position, a.position, a.id",
        params,
    )
    return [
        ActionWhole(
            id_, plan_id, theme_id, ref, text, owner, status_id, as_date(due),
            as_date(start_after), as_utc(created_at), as_utc(modified_at),
            dict(as_json(fields) or {}),
        )
        for (id_, plan_id, theme_id, ref, text, owner, status_id, due, start_after,
             created_at, modified_at, fields) in found
    ]  # fmt: skip


def leads(db: Reader, plan_ids: Collection[int] | None = None) -> list[tuple[int, int, str]]:
    """(action id, agency id, agency name) of each lead, in each action's order."""
    where, params = _action_scope(plan_ids)
    found = db.rows(
        "SELECT l.action_id, l.agency_id, g.name FROM action_lead l "
        f"JOIN agency g ON g.id = l.agency_id WHERE {where} "
        "ORDER BY l.action_id, l.position",
        params,
    )
    return [(action_id, agency_id, name) for action_id, agency_id, name in found]


def live_updates(
    db: Reader, plan_ids: Collection[int] | None = None
) -> list[tuple[int, date, str | None, str | None, str]]:
    """(action id, date, period, author, body) of each update not removed, oldest first."""
    where, params = _action_scope(plan_ids)
    found = db.rows(
        "SELECT action_id, date, period, author, body FROM progress_update "
        f"WHERE removed_at IS NULL AND {where} ORDER BY action_id, date, id",
        params,
    )
    if db.dialect == "sqlite":  # ISO text; a hundred thousand of them, so no checks
        return [
            (action_id, date.fromisoformat(day), period, author, body)
            for action_id, day, period, author, body in found
        ]
    return [
        (action_id, day, period, author, body) for action_id, day, period, author, body in found
    ]


def status_changes(
    db: Reader, plan_ids: Collection[int] | None = None
) -> list[tuple[int, datetime, str | None, str | None, str, str | None]]:
    """(action id, at, from key, to key, by, reason) of each status change, oldest first."""
    where, params = _action_scope(plan_ids)
    found = db.rows(
        'SELECT action_id, at, from_key, to_key, "by", reason FROM status_change '
        f"WHERE {where} ORDER BY action_id, at, id",
        params,
    )
    return [
        (action_id, as_utc(at), from_key, to_key, by, reason)  # NOT NULL
        for action_id, at, from_key, to_key, by, reason in found
    ]


def agencies(db: Reader) -> list[tuple[int, str, list[str]]]:
    """(id, name, aliases) of every agency."""
    found = db.rows("SELECT id, name, aliases FROM agency")
    return [(id_, name, list(as_json(aliases) or ())) for id_, name, aliases in found]
