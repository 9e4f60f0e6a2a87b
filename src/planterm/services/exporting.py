"""Export: whole plans from the database to a TOML snapshot.

The plans are read in a few queries through any `ReadSource` (sqlite3 alone
for a current file, or a store's session) and built straight into the plain
records `io.snapshot_records` defines, in a fixed order, so the same database
always gives the same bytes. Neither SQLAlchemy nor pydantic is needed on the
way: an export of ten thousand actions costs little more than `tomli_w` itself.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from planterm.io import snapshot_records as records
from planterm.services import names
from planterm.services.output_file import HasDatabaseFile, write_output_file
from planterm.storage import export_queries, queries
from planterm.storage.reader import Reader, ReadSource


class ExportSource(ReadSource, HasDatabaseFile, Protocol):
    """A database to read that names its file, if it has one (`Store`, `SqliteFile`)."""


def export_data(
    source: ReadSource, *, plan_keys: Sequence[str] = (), now: datetime
) -> records.Record:
    """The snapshot of the named plans (all plans when none are named), as plain data."""
    with source.reading() as db:
        return read_snapshot(db, plan_keys=plan_keys, now=now)


def export_text(source: ReadSource, *, plan_keys: Sequence[str] = (), now: datetime) -> str:
    """The snapshot of the named plans (all plans when none are named), as TOML."""
    return records.dumps(export_data(source, plan_keys=plan_keys, now=now))


def export_to_file(
    source: ExportSource, path: Path, *, plan_keys: Sequence[str] = (), now: datetime
) -> Path:
    """Write the snapshot atomically (the old file or the whole new one, never half)."""
    text = export_text(source, plan_keys=plan_keys, now=now)
    return write_output_file(
        source, path, text, what="a snapshot", example="~/planterm-export.toml"
    )


def read_snapshot(db: Reader, *, plan_keys: Sequence[str] = (), now: datetime) -> records.Record:
    """Read whole plans inside one read transaction; see `export_data`."""
    plan_ids: list[int] | None = None
    if plan_keys:
        plan_ids = list(dict.fromkeys(names.find_plan(db, key).id for key in plan_keys))
    plans, actions, used = read_plans(db, plan_ids)
    agencies = [
        records.agency(name, aliases)
        for agency_id, name, aliases in sorted(
            export_queries.agencies(db), key=lambda a: (a[1].casefold(), a[1])
        )
        if plan_ids is None or agency_id in used
    ]
    return records.document(exported_at=now, agencies=agencies, plans=plans, actions=actions)


def read_plans(
    db: Reader, plan_ids: Sequence[int] | None
) -> tuple[list[records.Record], list[records.Record], set[int]]:
    """The plans (all when `plan_ids` is None) and their actions as snapshot records,
    and the ids of the agencies those actions name as leads."""
    plan_rows = export_queries.plans(db, plan_ids)
    ids = [p.id for p in plan_rows]
    statuses: dict[int, list[Any]] = defaultdict(list)
    status_keys: dict[int, str] = {}
    for record in queries.statuses(db, ids if plan_ids is not None else None):
        statuses[record.plan_id].append(record.view)
        status_keys[record.id] = record.view.key
    themes: dict[int, list[records.Record]] = defaultdict(list)
    theme_names: dict[int, str] = {}
    for theme_id, plan_id, name, description in export_queries.themes(db, plan_ids):
        themes[plan_id].append(records.theme(name, description))
        theme_names[theme_id] = name
    leads: dict[int, list[str]] = defaultdict(list)
    used: set[int] = set()
    for action_id, agency_id, name in export_queries.leads(db, plan_ids):
        leads[action_id].append(name)
        used.add(agency_id)
    updates: dict[int, list[records.Record]] = defaultdict(list)
    update = records.update
    for action_id, day, period, author, body in export_queries.live_updates(db, plan_ids):
        updates[action_id].append(update(day, period, author, body))
    history: dict[int, list[records.Record]] = defaultdict(list)
    for action_id, at, from_key, to_key, by, reason in export_queries.status_changes(db, plan_ids):
        history[action_id].append(records.change(at, from_key, to_key, by, reason))
    plan_keys = {p.id: p.key for p in plan_rows}
    plans = [
        records.plan(
            key=p.key,
            title=p.title,
            issuing_body=p.issuing_body,
            source_document=p.source_document,
            period=p.period,
            vision=p.vision,
            mission=p.mission,
            description=p.description,
            created_at=p.created_at,
            modified_at=p.modified_at,
            scheme=records.scheme(p.scheme_key, p.scheme_name, statuses[p.id]),
            themes=themes[p.id],
        )
        for p in plan_rows
    ]
    actions = [
        records.action(
            plan=plan_keys[a.plan_id],
            theme=theme_names[a.theme_id],
            ref=a.ref,
            text=a.text,
            leads=leads.get(a.id, []),
            owner=a.owner,
            status=status_keys.get(a.status_id) if a.status_id is not None else None,
            due=a.due,
            start_after=a.start_after,
            created_at=a.created_at,
            modified_at=a.modified_at,
            fields=a.fields,
            updates=updates.get(a.id, []),
            history=history.get(a.id, []),
        )
        for a in export_queries.actions(db, plan_ids)
    ]
    return plans, actions, used
