"""Indexing a bulk insert for full-text search once, at its end.

SQLite keeps `action_fts` and `update_fts` in step with triggers (revision
0002), one index insert per row. For a hundred thousand updates that costs
several seconds; indexing the same rows with one INSERT ... SELECT after the
bulk costs a fraction of it. `indexed_at_end` sets the two insert triggers
aside for a block, then indexes exactly the rows the block inserted (ids are
never reused, so they are those above the largest id before it) and puts the
triggers back as they were. The delete and update triggers stay, so a plan
replaced inside the block still leaves the index.

Everything happens in the caller's transaction: if the block fails, the
rollback brings the triggers back too (SQLite's DDL is transactional), and
the index is never half made.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

# (full-text table, the table it indexes, the indexed column, its insert trigger)
INDEXED = (
    ("action_fts", "action", "text", "action_fts_insert"),
    ("update_fts", "progress_update", "body", "update_fts_insert"),
)


@contextmanager
def indexed_at_end(connection: sa.Connection) -> Iterator[None]:
    """Index the rows inserted inside the block once, at its end (SQLite; elsewhere nothing)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    triggers = {name: sql for name, sql in connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
    ).all()}  # fmt: skip
    aside = [(fts, table, column, name) for fts, table, column, name in INDEXED if name in triggers]
    before = {
        table: connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar()
        for _fts, table, _column, _name in aside
    }
    for *_, name in aside:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for fts, table, column, name in aside:
        connection.exec_driver_sql(
            f"INSERT INTO {fts}(rowid, {column}) SELECT id, {column} FROM {table} WHERE id > ?",
            (before[table],),
        )
        connection.exec_driver_sql(triggers[name])
