"""Importing a plan from a spreadsheet or a table pasted out of Word.

The table is read against the agencies the database already knows, checked
whole, and only then written, through the same all-or-nothing import as a
snapshot. A dry run reads it the same way and writes nothing.
"""

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path

from sqlmodel import select

from planterm.domain.models import Agency
from planterm.errors import InputError
from planterm.io.snapshot import PLAN_KEY_PATTERN, check_references
from planterm.io.table_plan import TableOptions, TableReading, choose_table, read_plan_table
from planterm.io.tables import is_table_file, read_tables
from planterm.services.transfer import ImportedPlan, import_docs
from planterm.storage.store import Store

__all__ = ["TableOptions", "import_table", "is_table_file", "read_table_plan", "refuse_unread"]


def known_agency_names(store: Store) -> dict[str, str]:
    """Every agency name and alias in the database, mapped to its agency's name."""
    names: dict[str, str] = {}
    with store.read() as session:
        for agency in session.exec(select(Agency)):
            for name in (agency.name, *agency.aliases):
                names[name] = agency.name
    return names


def read_table_plan(
    store: Store | None, path: Path, options: TableOptions, *, today: date
) -> TableReading:
    """What importing `path` as a plan would create, and every row it cannot read.

    `store` gives the agencies already known; None reads as for a new database.
    """
    key = options.plan_key.strip()
    if not re.match(PLAN_KEY_PATTERN, key):
        raise InputError(
            f"{options.plan_key!r} cannot be a plan key",
            where="--plan",
            hint="use lower-case letters, digits, dots and dashes, e.g. vawg-2025",
        )
    table = choose_table(read_tables(path))
    reading = read_plan_table(
        table,
        dataclasses.replace(options, plan_key=key),
        today=today,
        known_agencies=known_agency_names(store) if store is not None else {},
    )
    if not reading.problems:
        check_references(reading.doc, source=reading.source)
    return reading


def import_table(
    store: Store, reading: TableReading, *, replace: bool, now: datetime
) -> ImportedPlan:
    """Write what was read, all or nothing; refused whole while any row is unread."""
    refuse_unread(reading)
    (imported,) = import_docs(store, [(reading.source, reading.doc)], replace=replace, now=now)
    return imported


def refuse_unread(reading: TableReading) -> None:
    """Raise `InputError` naming the first row that could not be read, if any."""
    if reading.problems:
        row, problem = reading.problems[0]
        more = len(reading.problems) - 1
        also = f" (and {more} more)" if more else ""
        raise InputError(
            f"{problem}{also}",
            where=reading.where(row),
            hint="fix the table, or run with --dry-run to see every row it cannot read",
        )
