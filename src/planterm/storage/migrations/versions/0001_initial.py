"""The first plan store: plans, schemes, themes, actions, agencies, updates
and status history.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from planterm.domain.types import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("aliases", sa.JSON, nullable=False),
    )
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, nullable=False, unique=True),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("issuing_body", sa.String, nullable=False),
        sa.Column("source_document", sa.String),
        sa.Column("period", sa.String),
        sa.Column("vision", sa.String),
        sa.Column("mission", sa.String),
        sa.Column("description", sa.String),
        sa.Column("scheme_key", sa.String, nullable=False),
        sa.Column("scheme_name", sa.String, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("modified_at", UTCDateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "status",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "plan_id", sa.Integer, sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("key", sa.String, nullable=False),
        sa.Column("label", sa.String, nullable=False),
        sa.Column("meaning", sa.String, nullable=False),
        sa.Column("symbol", sa.String, nullable=False),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("colour", sa.String),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.UniqueConstraint("plan_id", "key"),
    )
    op.create_index("ix_status_plan_id", "status", ["plan_id"])
    op.create_table(
        "theme",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "plan_id", sa.Integer, sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("description", sa.String),
        sa.UniqueConstraint("plan_id", "name"),
    )
    op.create_index("ix_theme_plan_id", "theme", ["plan_id"])
    op.create_table(
        "action",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "plan_id", sa.Integer, sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "theme_id", sa.Integer, sa.ForeignKey("theme.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("ref", sa.String, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("owner", sa.String),
        sa.Column("status_id", sa.Integer, sa.ForeignKey("status.id")),
        sa.Column("due", sa.Date),
        sa.Column("start_after", sa.Date),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("modified_at", UTCDateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("plan_id", "ref"),
    )
    op.create_index("ix_action_plan_id", "action", ["plan_id"])
    op.create_index("ix_action_theme_id", "action", ["theme_id"])
    op.create_index("ix_action_status_id", "action", ["status_id"])
    op.create_index("ix_action_due", "action", ["due"])
    op.create_table(
        "action_lead",
        sa.Column(
            "action_id",
            sa.Integer,
            sa.ForeignKey("action.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("agency_id", sa.Integer, sa.ForeignKey("agency.id"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_action_lead_agency_id", "action_lead", ["agency_id"])
    op.create_table(
        "progress_update",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "action_id",
            sa.Integer,
            sa.ForeignKey("action.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("period", sa.String),
        sa.Column("author", sa.String),
        sa.Column("body", sa.String, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_progress_update_action_id", "progress_update", ["action_id"])
    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "action_id",
            sa.Integer,
            sa.ForeignKey("action.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("from_key", sa.String),
        sa.Column("to_key", sa.String),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("reason", sa.String),
    )
    op.create_index("ix_status_change_action_id", "status_change", ["action_id"])


def downgrade() -> None:
    for table in (
        "status_change",
        "progress_update",
        "action_lead",
        "action",
        "theme",
        "status",
        "plan",
        "agency",
    ):
        op.drop_table(table)
