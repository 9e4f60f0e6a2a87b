"""What a merge of a colleague's snapshot will do, as plain frozen data.

`merge_rules.plan_merge` decides it without touching the database;
`merging.merge_file` writes it in one transaction, or only shows it (dry run).
"Plan" in `MergePlan` means the plan of the merge; each `PlanMerge` is one
action plan of the snapshot.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from planterm.io.snapshot import ActionDoc, HistoryDoc, PlanDoc, UpdateDoc


@dataclass(frozen=True)
class ActionValues:
    """The fields of an action a merge compares; leads by their names here."""

    text: str
    theme: str
    leads: tuple[str, ...]
    owner: str | None
    due: date | None
    start_after: date | None
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FieldChange:
    """One field that differs, both values as text ("-" when not set)."""

    field: str
    ours: str
    theirs: str


@dataclass(frozen=True)
class UpdateAdded:
    ref: str
    update: UpdateDoc


@dataclass(frozen=True)
class UpdateSkipped:
    """Their update that matches one we removed or corrected: not brought back."""

    ref: str
    update: UpdateDoc
    why: Literal["removed here", "corrected here"]


@dataclass(frozen=True)
class StatusApplied:
    """Their status changes, taken in; `ours` is what the status was here."""

    ref: str
    ours: str | None
    theirs: str | None
    history: tuple[HistoryDoc, ...]
    their_modified_at: datetime | None


@dataclass(frozen=True)
class FieldsApplied:
    ref: str
    changes: tuple[FieldChange, ...]
    values: ActionValues
    their_modified_at: datetime | None


@dataclass(frozen=True)
class Conflict:
    """An action both sides changed: ours is kept, theirs listed to settle by hand.

    `changes` are the fields that differ (none when only the status is in
    conflict). `their_history` are their status changes we had not seen;
    `history_recorded` says whether they go into our history anyway (they do
    when the fields agree, so the next merge does not raise them again).
    """

    ref: str
    changes: tuple[FieldChange, ...]
    our_status: str | None
    their_status: str | None
    their_history: tuple[HistoryDoc, ...]
    history_recorded: bool
    newer: Literal["ours", "theirs"] | None
    """The side whose action `modified_at` is later; None when equal or unknown."""

    @property
    def status_differs(self) -> bool:
        return self.our_status != self.their_status


@dataclass(frozen=True)
class PlanMerge:
    """Everything the merge does to one plan, grouped the way it is reported."""

    key: str
    title: str
    new: bool
    doc: PlanDoc
    themes_added: tuple[str, ...] = ()
    actions_added: tuple[ActionDoc, ...] = ()
    updates_added: tuple[UpdateAdded, ...] = ()
    updates_skipped: tuple[UpdateSkipped, ...] = ()
    statuses_applied: tuple[StatusApplied, ...] = ()
    fields_applied: tuple[FieldsApplied, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    only_here: tuple[str, ...] = ()
    kept_ours: tuple[str, ...] = ()
    """Refs that differ where only ours changed: ours stays, they get it from ours."""


@dataclass(frozen=True)
class MergePlan:
    source: str
    plans: tuple[PlanMerge, ...]
    agencies_added: tuple[str, ...] = ()
    aliases_added: tuple[tuple[str, str], ...] = ()
    """(agency, alias) for agencies already here."""

    @property
    def conflicts(self) -> int:
        return sum(len(p.conflicts) for p in self.plans)
