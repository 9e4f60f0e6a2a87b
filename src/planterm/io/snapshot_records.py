"""A snapshot's records as plain dicts, ready for `tomli_w`: the export side of the format.

`io.snapshot` holds the pydantic models that check a file coming in; building
tens of thousands of them only to dump them again costs more than the export's
own reading. So export builds the same shapes here from plain values: keys in
the models' field order, and no None or empty value (TOML has no null; absent
means none). `tests/io/test_snapshot_records.py` holds the two sides to the
same keys and the same bytes.

Standard library and `tomli_w` only: an export through the quick read path
imports neither pydantic nor SQLAlchemy.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import tomli_w

from planterm.domain.views import StatusView

FORMAT = "planterm-snapshot"
VERSION = 1

Record = dict[str, Any]


def _pruned(record: Record) -> Record:
    """`record` without None and empty lists or tables, its order kept."""
    return {k: v for k, v in record.items() if v is not None and v != [] and v != {}}


def document(
    *,
    exported_at: datetime | None,
    agencies: list[Record],
    plans: list[Record],
    actions: list[Record],
) -> Record:
    return _pruned(
        {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": exported_at,
            "agencies": agencies,
            "plans": plans,
            "actions": actions,
        }
    )


def agency(name: str, aliases: Sequence[str]) -> Record:
    return _pruned({"name": name, "aliases": list(aliases)})


def status(view: StatusView) -> Record:
    return _pruned(
        {
            "key": view.key,
            "label": view.label,
            "meaning": view.meaning,
            "symbol": view.symbol,
            "category": view.category.value,
            "colour": view.colour,
            "aliases": list(view.aliases),
        }
    )


def scheme(key: str, name: str, statuses: Iterable[StatusView]) -> Record:
    return {"key": key, "name": name, "statuses": [status(s) for s in statuses]}


def theme(name: str, description: str | None) -> Record:
    return _pruned({"name": name, "description": description})


def plan(
    *,
    key: str,
    title: str,
    issuing_body: str,
    source_document: str | None,
    period: str | None,
    vision: str | None,
    mission: str | None,
    description: str | None,
    created_at: datetime | None,
    modified_at: datetime | None,
    scheme: Record,
    themes: list[Record],
) -> Record:
    return _pruned(
        {
            "key": key,
            "title": title,
            "issuing_body": issuing_body,
            "source_document": source_document,
            "period": period,
            "vision": vision,
            "mission": mission,
            "description": description,
            "created_at": created_at,
            "modified_at": modified_at,
            "scheme": scheme,
            "themes": themes,
        }
    )


def update(day: date, period: str | None, author: str | None, body: str) -> Record:
    """One progress update; written out by hand, as there are a hundred thousand of them."""
    record: Record = {"date": day}
    if period is not None:
        record["period"] = period
    if author is not None:
        record["author"] = author
    record["body"] = body
    return record


def change(at: datetime, from_: str | None, to: str | None, by: str, reason: str | None) -> Record:
    """One status change; `from_` is written `from`."""
    return _pruned({"at": at, "from": from_, "to": to, "by": by, "reason": reason})


def action(
    *,
    plan: str,
    theme: str,
    ref: str,
    text: str,
    leads: list[str],
    owner: str | None,
    status: str | None,
    due: date | None,
    start_after: date | None,
    created_at: datetime | None,
    modified_at: datetime | None,
    fields: dict[str, str],
    updates: list[Record],
    history: list[Record],
) -> Record:
    return _pruned(
        {
            "plan": plan,
            "theme": theme,
            "ref": ref,
            "text": text,
            "leads": leads,
            "owner": owner,
            "status": status,
            "due": due,
            "start_after": start_after,
            "created_at": created_at,
            "modified_at": modified_at,
            "fields": fields,
            "updates": updates,
            "history": history,
        }
    )


def dumps(data: Record) -> str:
    """The TOML text of a snapshot built here."""
    return tomli_w.dumps(data)
