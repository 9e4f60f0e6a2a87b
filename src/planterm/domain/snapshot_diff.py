"""What moved between two snapshots of the same plans, as frozen views.

`services.diff` makes these; the command line and the meeting view show them.
An action is known by its plan and ref on both sides; every item names the
ref and the action's text (the newer text, or the last known for a removed
action) so it reads on its own.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from planterm.domain.rules import share
from planterm.domain.views import StatusView

LeadNames = tuple[str, ...]
FieldValue = str | LeadNames | None

PlanPresence = Literal["both", "added", "removed"]


@dataclass(frozen=True)
class Side:
    """One side of a comparison: where it came from and the date its rules use.

    `dated` is false when a snapshot has no `exported_at` and took the other
    side's date (or the run's today).
    """

    source: str
    day: date
    dated: bool = True


@dataclass(frozen=True)
class StatusMove:
    """A change of status: a history entry new since OLD, or an unrecorded change.

    `at` and `by` are None when the status differs and no history entry
    records the change (an import, an edit made outside planterm).
    """

    ref: str
    text: str
    before: StatusView | None  # None: untriaged
    after: StatusView | None
    at: datetime | None = None
    by: str | None = None
    reason: str | None = None

    @property
    def recorded(self) -> bool:
        return self.at is not None


@dataclass(frozen=True)
class NewUpdate:
    ref: str
    text: str
    date: date
    period: str | None
    author: str | None
    body: str


@dataclass(frozen=True)
class ActionPresence:
    """An action added since OLD, or removed, with its status on that side."""

    ref: str
    text: str
    status: StatusView | None


@dataclass(frozen=True)
class FieldChange:
    """One edited field: `text`, `leads`, `owner`, `theme`, or `fields` (then `name`)."""

    field: str
    before: FieldValue
    after: FieldValue
    name: str | None = None


@dataclass(frozen=True)
class ActionEdit:
    ref: str
    text: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class DateMove:
    ref: str
    text: str
    field: Literal["due", "start_after"]
    before: date | None
    after: date | None


@dataclass(frozen=True)
class FlagRaised:
    """An action flagged at NEW's date that was not at OLD's (or did not exist)."""

    ref: str
    text: str
    day: date  # the due date, or the start-after date
    status: StatusView | None


@dataclass(frozen=True)
class ShareMove:
    """One status's share of a theme (or a plan) on both sides."""

    status: StatusView | None  # None: untriaged
    before: int
    before_total: int
    after: int
    after_total: int

    @property
    def before_share(self) -> str:
        return share(self.before, self.before_total)

    @property
    def after_share(self) -> str:
        return share(self.after, self.after_total)

    @property
    def moved(self) -> bool:
        """Worth a line: the share reads differently and the status is not absent on both sides."""
        return self.before_share != self.after_share and (self.before or self.after) > 0


@dataclass(frozen=True)
class ThemeDiff:
    name: str
    status_moves: tuple[StatusMove, ...] = ()
    new_updates: tuple[NewUpdate, ...] = ()
    added: tuple[ActionPresence, ...] = ()
    removed: tuple[ActionPresence, ...] = ()
    edited: tuple[ActionEdit, ...] = ()
    dates_moved: tuple[DateMove, ...] = ()
    became_overdue: tuple[FlagRaised, ...] = ()
    became_due_to_start: tuple[FlagRaised, ...] = ()
    shares: tuple[ShareMove, ...] = ()

    @property
    def moved_shares(self) -> tuple[ShareMove, ...]:
        return tuple(s for s in self.shares if s.moved)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.status_moves
            or self.new_updates
            or self.added
            or self.removed
            or self.edited
            or self.dates_moved
            or self.became_overdue
            or self.became_due_to_start
            or self.moved_shares
        )


@dataclass(frozen=True)
class PlanDiff:
    """One plan on both sides; an added or removed plan carries no themes."""

    key: str
    title: str
    presence: PlanPresence
    actions_before: int
    actions_after: int
    themes: tuple[ThemeDiff, ...] = ()
    shares: tuple[ShareMove, ...] = ()  # all themes together

    @property
    def has_changes(self) -> bool:
        return self.presence != "both" or any(t.has_changes for t in self.themes)


@dataclass(frozen=True)
class SnapshotDiff:
    old: Side
    new: Side
    plans: tuple[PlanDiff, ...]

    @property
    def old_after_new(self) -> bool:
        """OLD is dated after NEW: most likely the two were given the wrong way round."""
        return self.old.day > self.new.day
