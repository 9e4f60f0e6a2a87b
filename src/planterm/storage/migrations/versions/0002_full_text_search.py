"""Full-text search over action texts and updates (SQLite FTS5).

External-content FTS5 tables kept in step by triggers; the index is rebuilt
from the rows already there, so a database made before this revision finds
its old text too. Other engines search without an index (see
`planterm.storage.queries.search_action_ids`).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_SQL = (
    "CREATE VIRTUAL TABLE action_fts USING fts5("
    "text, content='action', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER action_fts_insert AFTER INSERT ON action BEGIN "
    "INSERT INTO action_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER action_fts_delete AFTER DELETE ON action BEGIN "
    "INSERT INTO action_fts(action_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER action_fts_update AFTER UPDATE OF text ON action BEGIN "
    "INSERT INTO action_fts(action_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO action_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE VIRTUAL TABLE update_fts USING fts5("
    "body, content='progress_update', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER update_fts_insert AFTER INSERT ON progress_update BEGIN "
    "INSERT INTO update_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER update_fts_delete AFTER DELETE ON progress_update BEGIN "
    "INSERT INTO update_fts(update_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER update_fts_update AFTER UPDATE OF body ON progress_update BEGIN "
    "INSERT INTO update_fts(update_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO update_fts(rowid, body) VALUES (new.id, new.body); END",
)


REBUILD_SQL = (
    "INSERT INTO action_fts(action_fts) VALUES ('rebuild')",
    "INSERT INTO update_fts(update_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in (*FTS_SQL, *REBUILD_SQL):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in (
        "action_fts_insert",
        "action_fts_delete",
        "action_fts_update",
        "update_fts_insert",
        "update_fts_delete",
        "update_fts_update",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS update_fts")
    op.execute("DROP TABLE IF EXISTS action_fts")
