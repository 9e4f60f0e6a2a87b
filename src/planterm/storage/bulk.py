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

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa


def insert_many(connection: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys, named as `table`'s columns) into `table`."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(table.insert(), list(rows))
        return
    names = list(rows[0])
    columns = [
        _converted([row[name] for row in rows], _processor(table.c[name].type, connection.dialect))
        for name in names
    ]
    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    raw = connection.connection.driver_connection
    assert raw is not None  # a live connection inside the caller's transaction
    raw.executemany(
        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', zip(*columns, strict=True)
    )


def _processor(column_type: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> Any:
    """The bind processor SQLAlchemy itself applies: the dialect's own type's, not the
    generic one's (SQLite's DATETIME writes text with microseconds, the generic none)."""
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _converted(values: list[Any], process: Callable[[Any], Any] | None) -> list[Any]:
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
