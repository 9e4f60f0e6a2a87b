"""`planterm copy-db`: a whole database moved between SQLite and PostgreSQL, nothing lost.

The source must be a planterm database at this planterm's schema; it is read
in one transaction, so what is copied is one moment of it even while others
write. The target must be new or empty: it is brought to the head schema,
then every row of every table is copied in one transaction, ids, versions,
history, removed updates and their revisions as they are. Each table's next
id is then set past the source's (SQLite's AUTOINCREMENT counter, a
PostgreSQL sequence), so an id is never handed out twice. The full-text
index is made from the copied rows: SQLite's FTS5 tables once at the end
(`storage.fts`), PostgreSQL's GIN indexes as the rows go in.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import SQLModel

import planterm.domain.models  # noqa: F401  (registers the tables)
from planterm.errors import InputError, StoreError
from planterm.services.opening import prepare_file
from planterm.storage import fts, migrate
from planterm.storage.store import Store

CHUNK = 1000


@dataclass(frozen=True)
class Copied:
    source: str
    target: str
    rows: dict[str, int]
    """Rows copied, by table."""


def tables() -> list[sa.Table]:
    """planterm's tables, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def copy_database(source_url: str, target_url: str, *, now: datetime) -> Copied:
    """Copy the database at `source_url` into the new or empty one at `target_url`."""
    if source_url == target_url:
        raise InputError(
            "the source and the target are the same database",
            where=source_url,
            hint="give another --to",
        )
    source = Store(source_url, read_only=True)
    target = Store(target_url)
    try:
        _check_source(source)
        _check_target(target)
        migrate.prepare(target, now=now)
        rows = _copy_rows(source, target)
        return Copied(source.describe(), target.describe(), rows)
    finally:
        source.dispose()
        target.dispose()


def _check_source(source: Store) -> None:
    path = source.sqlite_path
    if path is not None:
        prepare_file(path, read_only=True, create=False, missing="check the --from path")
    revision = migrate.current_revision(source)
    if revision is None:
        raise StoreError(
            "there is nothing to copy: the database is empty",
            where=source.describe(),
            hint="check the --from database",
        )
    if revision != migrate.HEAD_REVISION:
        raise StoreError(
            f"the database is at schema {revision}, not this planterm's {migrate.HEAD_REVISION}",
            where=source.describe(),
            hint="open it once with this planterm (planterm --db ... plans) to upgrade it, "
            "then copy it",
        )


def _check_target(target: Store) -> None:
    path = target.sqlite_path
    if path is not None:
        new = not path.exists()
        prepare_file(path, read_only=False, create=True)  # a folder, or no way to make it: refused
        if new:
            return
    revision = migrate.current_revision(target)
    if revision is None:
        return
    if revision == migrate.HEAD_REVISION:
        with target.read() as session:
            connection = session.connection()
            if not any(connection.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                       for t in tables()):  # fmt: skip
                return
    raise StoreError(
        "the target database is not empty",
        where=target.describe(),
        hint="copy into a new file or an empty database (createdb NAME)",
    )


def _copy_rows(source: Store, target: Store) -> dict[str, int]:
    copied: dict[str, int] = {}
    with source.read() as reading, target.write() as writing:
        src = reading.connection()
        dst = writing.connection()
        with fts.indexed_at_end(dst):
            for table in tables():
                order = list(table.primary_key.columns)
                result = src.execute(sa.select(table).order_by(*order)).mappings()
                count = 0
                while chunk := result.fetchmany(CHUNK):
                    dst.execute(table.insert(), [dict(row) for row in chunk])
                    count += len(chunk)
                copied[table.name] = count
        for table in tables():
            if "id" in table.c and table.c.id.primary_key:
                _set_next_id(dst, table.name, max(_last_id(src, table.name), _max_id(dst, table)))
    return copied


def _max_id(connection: sa.Connection, table: sa.Table) -> int:
    return int(
        connection.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()
    )


def _last_id(connection: sa.Connection, table: str) -> int:
    """The largest id the database has handed out for `table`, deleted rows' included."""
    if connection.dialect.name == "sqlite":
        found = connection.execute(
            sa.text("SELECT seq FROM sqlite_sequence WHERE name = :t"), {"t": table}
        ).scalar()
    else:
        found = connection.execute(
            sa.text(
                "SELECT last_value FROM pg_sequences "
                "WHERE schemaname || '.' || sequencename = pg_get_serial_sequence(:t, 'id')"
            ),
            {"t": table},
        ).scalar()
    return int(found or 0)


def _set_next_id(connection: sa.Connection, table: str, last: int) -> None:
    """Make `table` hand out ids above `last`."""
    if last <= 0:
        return
    if connection.dialect.name == "sqlite":
        updated = connection.execute(
            sa.text("UPDATE sqlite_sequence SET seq = :v WHERE name = :t"), {"v": last, "t": table}
        )
        if not updated.rowcount:
            connection.execute(
                sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :v)"),
                {"v": last, "t": table},
            )
        return
    connection.execute(
        sa.text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, true)"),
        {"v": last, "t": table},
    )
