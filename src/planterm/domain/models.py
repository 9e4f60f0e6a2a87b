"""The tables of a plan database.

Ids are never reused (SQLite AUTOINCREMENT): undo can put a deleted action
back under its own id, and a new row never takes an old one's place.

Relationships are not mapped: services query what they need explicitly, and
hand the UI frozen views (see `views.py`), never live rows. Deleting a plan
cascades in the database itself (foreign keys with ON DELETE CASCADE).

`Plan` and `Action` carry a `version` that SQLAlchemy checks on every UPDATE:
a save based on an old read fails instead of overwriting someone else's work.
"""

from datetime import date, datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from planterm.domain.types import UTCDateTime
from planterm.domain.utc import utc_now


def _created() -> Any:
    return Field(default_factory=utc_now, sa_type=UTCDateTime, nullable=False)


class Agency(SQLModel, table=True):
    """A body that leads actions, with the other names plans give it."""

    __tablename__ = "agency"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=sa.Column(sa.String, unique=True, nullable=False))
    aliases: list[str] = Field(default_factory=list, sa_column=sa.Column(sa.JSON, nullable=False))


_plan_version = sa.Column("version", sa.Integer, nullable=False)


class Plan(SQLModel, table=True):
    __tablename__ = "plan"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=sa.Column(sa.String, unique=True, nullable=False))
    title: str
    issuing_body: str
    source_document: str | None = None
    period: str | None = None
    vision: str | None = None
    mission: str | None = None
    description: str | None = None
    scheme_key: str
    scheme_name: str
    created_at: datetime = _created()
    modified_at: datetime = _created()
    version: int = Field(default=None, sa_column=_plan_version)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _plan_version}


class Status(SQLModel, table=True):
    """One status of a plan's scheme, in the scheme's order."""

    __tablename__ = "status"
    __table_args__ = (sa.UniqueConstraint("plan_id", "key"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    position: int
    key: str
    label: str
    meaning: str
    symbol: str
    category: str
    colour: str | None = None
    aliases: list[str] = Field(default_factory=list, sa_column=sa.Column(sa.JSON, nullable=False))


class Theme(SQLModel, table=True):
    __tablename__ = "theme"
    __table_args__ = (sa.UniqueConstraint("plan_id", "name"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    position: int
    name: str
    description: str | None = None


_action_version = sa.Column("version", sa.Integer, nullable=False)


class Action(SQLModel, table=True):
    """A recommendation, deliverable or objective of a plan."""

    __tablename__ = "action"
    __table_args__ = (sa.UniqueConstraint("plan_id", "ref"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    theme_id: int = Field(foreign_key="theme.id", ondelete="CASCADE", index=True)
    position: int
    ref: str
    text: str
    owner: str | None = None
    status_id: int | None = Field(default=None, foreign_key="status.id", index=True)
    due: date | None = Field(default=None, index=True)
    start_after: date | None = None
    fields: dict[str, str] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False)
    )
    created_at: datetime = _created()
    modified_at: datetime = _created()
    version: int = Field(default=None, sa_column=_action_version)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _action_version}


class ActionLead(SQLModel, table=True):
    """An agency leading an action, in the order the plan names them."""

    __tablename__ = "action_lead"

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, index=True)
    position: int


class Update(SQLModel, table=True):
    """A dated progress note on an action. Kept for ever.

    Removing an update only marks it removed; correcting one keeps the
    earlier wording as an `UpdateRevision`.
    """

    __tablename__ = "progress_update"
    __table_args__ = (
        # what every list reads: live updates by action and date (revision 0005)
        sa.Index(
            "ix_update_live",
            "action_id",
            "date",
            sqlite_where=sa.text("removed_at IS NULL"),
            postgresql_where=sa.text("removed_at IS NULL"),
        ),
        # a search's matching updates to their actions, without their text (revision 0006)
        sa.Index("ix_update_search", "id", "action_id", "removed_at"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    date: date
    period: str | None = None
    author: str | None = None
    body: str
    created_at: datetime = _created()
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    removed_by: str | None = None


class UpdateRevision(SQLModel, table=True):
    """What an update said before it was corrected, removed or restored."""

    __tablename__ = "update_revision"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    update_id: int = Field(foreign_key="progress_update.id", ondelete="CASCADE", index=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    by: str
    change: str  # corrected | removed | restored
    date: date
    period: str | None = None
    author: str | None = None
    body: str


class StatusChange(SQLModel, table=True):
    """One change of an action's status: from, to, when, who and why.

    Status keys are kept as text so the history reads the same after the
    plan's scheme is edited. `None` means untriaged.
    """

    __tablename__ = "status_change"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    from_key: str | None = None
    to_key: str | None = None
    by: str
    reason: str | None = None
