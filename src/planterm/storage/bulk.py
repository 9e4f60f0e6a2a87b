"""Inserting many rows at once, in the caller's transaction.

SQLAlchemy's executemany builds and processes a parameter dict per row; for a
hundred thousand progress updates that costs more than SQLite's own work. On
SQLite, `insert_many` converts each column with the very bind processor
SQLAlchemy would use (so dates, UTC times and JSON are stored exactly as the
ORM stores them), once per distinct value (the same `created_at` on every
row costs one conversion), and hands plain tuples to sqlite3's
`executemany` on the session's own connection, inside its transaction.
Other engines get a Core executemany.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa


def insert_many(connection: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys, named as `table`'s columns) into `table`."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(table.insert(), list(rows))
        return
    insert_columns(connection, table, {name: [row[name] for row in rows] for name in rows[0]})


def insert_columns(
    connection: sa.Connection, table: sa.Table, columns: Mapping[str, Sequence[Any]]
) -> None:
    """Insert rows given column by column: `columns` maps `table`'s column names to
    their values, one list per column, all as long (row i takes the i-th of each).

    The shape a caller of many rows can build without a dict per row.
    """
    names = list(columns)
    count = len(columns[names[0]]) if names else 0
    if not count:
        return
    if connection.dialect.name != "sqlite":
        lists = [columns[name] for name in names]
        rows = [dict(zip(names, values, strict=True)) for values in zip(*lists, strict=True)]
        connection.execute(table.insert(), rows)
        return
    converted = [
        _converted(columns[name], _processor(table.c[name].type, connection.dialect))
        for name in names
    ]
    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    raw = connection.connection.driver_connection
    assert raw is not None  # a live connection inside the caller's transaction
    raw.executemany(
        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', zip(*converted, strict=True)
    )


def _processor(column_type: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> Any:
    """The bind processor SQLAlchemy itself applies: the dialect's own type's, not the
    generic one's (SQLite's DATETIME writes text with microseconds, the generic none)."""
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _converted(values: Sequence[Any], process: Callable[[Any], Any] | None) -> Sequence[Any]:
    """`values` as the driver takes them, each distinct value converted once.

    Values are told apart by equality: equal dates, or equal moments in any
    time zone, are stored alike, so one conversion serves them all (a hundred
    thousand updates fall on a thousand days and share one `created_at`).
    Unhashable values (JSON) are converted one by one.
    """
    if process is None:
        return values
    done: dict[Any, Any] = {}
    out: list[Any] = []
    for value in values:
        try:
            out.append(done[value])
        except KeyError:
            done[value] = converted = process(value)
            out.append(converted)
        except TypeError:
            out.append(process(value))
    return out


# Pages SQLite may keep in memory while a bulk write runs, in KiB (negative
# `cache_size`): enough for a whole big import, so no page is written out to
# the log half-way and again at the commit. Only memory: what a commit makes
# durable is unchanged.
ROOMY_CACHE_KIB = 262_144


@contextmanager
def roomy_cache(connection: sa.Connection) -> Iterator[None]:
    """A page cache big enough for a bulk write inside the block (SQLite), set back after."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{ROOMY_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or 0)}")
