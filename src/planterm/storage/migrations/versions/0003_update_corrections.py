"""Corrections and removals of updates keep the earlier wording.

An update is never deleted: `removed_at` and `removed_by` hide it, and every
correction, removal or restoration copies what it said before into
`update_revision`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from planterm.domain.types import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("progress_update") as batch:
        batch.add_column(sa.Column("removed_at", UTCDateTime, nullable=True))
        batch.add_column(sa.Column("removed_by", sa.String, nullable=True))
    op.create_table(
        "update_revision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "update_id",
            sa.Integer,
            sa.ForeignKey("progress_update.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("change", sa.String, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("period", sa.String),
        sa.Column("author", sa.String),
        sa.Column("body", sa.String, nullable=False),
    )
    op.create_index("ix_update_revision_update_id", "update_revision", ["update_id"])


def downgrade() -> None:
    op.drop_table("update_revision")
    with op.batch_alter_table("progress_update") as batch:
        batch.drop_column("removed_by")
        batch.drop_column("removed_at")
