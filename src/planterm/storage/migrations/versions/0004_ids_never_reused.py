"""Ids are never reused (SQLite AUTOINCREMENT).

Without it SQLite hands the highest freed id to the next new row, so an
action deleted and then brought back by undo could find its id taken by
someone else's new row, and a watcher comparing the largest ids could miss
a delete followed by an add. Each table is rebuilt with AUTOINCREMENT,
keeping every row and id; the full-text triggers, which go with the old
tables, are made again.

planterm runs this with foreign keys off (see `planterm.storage.migrate`),
as SQLite's procedure for rebuilding a table asks, and checks them before
committing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "agency",
    "plan",
    "status",
    "theme",
    "action",
    "progress_update",
    "status_change",
    "update_revision",
)

TRIGGERS = (
    "CREATE TRIGGER action_fts_insert AFTER INSERT ON action BEGIN "
    "INSERT INTO action_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER action_fts_delete AFTER DELETE ON action BEGIN "
    "INSERT INTO action_fts(action_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER action_fts_update AFTER UPDATE OF text ON action BEGIN "
    "INSERT INTO action_fts(action_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO action_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER update_fts_insert AFTER INSERT ON progress_update BEGIN "
    "INSERT INTO update_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER update_fts_delete AFTER DELETE ON progress_update BEGIN "
    "INSERT INTO update_fts(update_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER update_fts_update AFTER UPDATE OF body ON progress_update BEGIN "
    "INSERT INTO update_fts(update_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO update_fts(rowid, body) VALUES (new.id, new.body); END",
)


def _rebuild(autoincrement: bool) -> None:
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
    for statement in TRIGGERS:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(False)
