"""Full-text search on PostgreSQL: GIN indexes over its own text search.

SQLite searches through FTS5 tables (revision 0002). PostgreSQL needs no
table of its own: a GIN index over the same `to_tsvector` expression the
search uses (`planterm.storage.text_search.ts_vector`) answers it. On SQLite
this revision does nothing.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

from planterm.storage.text_search import ts_vector

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_action_text_search", "action", ts_vector("text"), ""),
    ("ix_update_body_search", "progress_update", ts_vector("body"), " WHERE removed_at IS NULL"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, expression, where in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin (({expression})){where}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, *_ in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
