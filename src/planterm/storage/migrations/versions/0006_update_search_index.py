"""An index that finds each matching update's action without reading its text.

A search matches words in the updates' full-text index, which gives update
ids; each must then be turned into its action, skipping removed updates.
Read from the table, that visits the row of every matching update, text
and all (a common word matches tens of thousands). This index holds just
the id, the action and the removal mark: the same answer in half the time.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_update_search", "progress_update", ["id", "action_id", "removed_at"])


def downgrade() -> None:
    op.drop_index("ix_update_search", table_name="progress_update")
