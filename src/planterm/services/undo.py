"""Undo for one session of work: each change pushes how to reverse it.

Undoing calls the same services as doing, so the reversal is itself a
change that the status history and update revisions record. An undo based on
a record someone else has changed since is refused like any stale save; the
session's own undos move the expected version of its earlier entries along.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from planterm.domain.views import UpdateView
from planterm.services import changes, editing, updates
from planterm.storage.store import Store


class UndoEntry(Protocol):
    @property
    def description(self) -> str: ...

    @property
    def action_id(self) -> int | None:
        """The action whose version the entry expects, if any."""
        ...

    def undo(self, store: Store, *, by: str, now: datetime) -> int | None:
        """Reverse the change through the services; the action's new version, if any."""
        ...


@dataclass(frozen=True)
class StatusUndo:
    description: str
    plan: str
    ref: str
    previous: str | None
    version: int
    action_id: int | None = None

    def undo(self, store: Store, *, by: str, now: datetime) -> int | None:
        result = changes.set_status(
            store,
            plan_key=self.plan,
            ref=self.ref,
            status=self.previous or "untriaged",
            author=by,
            now=now,
            reason="undone",
            expected_version=self.version,
        )
        return result.version


@dataclass(frozen=True)
class AddedUpdateUndo:
    description: str
    update_id: int

    action_id: None = None

    def undo(self, store: Store, *, by: str, now: datetime) -> None:
        updates.remove_update(store, update_id=self.update_id, by=by, now=now)


@dataclass(frozen=True)
class CorrectedUpdateUndo:
    description: str
    previous: UpdateView

    action_id: None = None

    def undo(self, store: Store, *, by: str, now: datetime) -> None:
        updates.correct_update(
            store,
            update_id=self.previous.id,
            body=self.previous.body,
            day=self.previous.date,
            period=self.previous.period,
            author=self.previous.author,
            by=by,
            now=now,
        )


@dataclass(frozen=True)
class RemovedUpdateUndo:
    description: str
    update_id: int

    action_id: None = None

    def undo(self, store: Store, *, by: str, now: datetime) -> None:
        updates.restore_update(store, update_id=self.update_id, by=by, now=now)


@dataclass(frozen=True)
class EditUndo:
    description: str
    action_id: int
    before: editing.ActionFields
    version: int

    def undo(self, store: Store, *, by: str, now: datetime) -> int | None:
        return editing.edit_action(
            store,
            action_id=self.action_id,
            values=self.before,
            expected_version=self.version,
            now=now,
        ).version


@dataclass(frozen=True)
class AddedActionUndo:
    description: str
    action_id: int
    version: int

    def undo(self, store: Store, *, by: str, now: datetime) -> None:
        editing.delete_action(store, action_id=self.action_id, expected_version=self.version)


@dataclass(frozen=True)
class DeletedActionUndo:
    description: str
    deleted: editing.DeletedAction

    action_id: None = None

    def undo(self, store: Store, *, by: str, now: datetime) -> None:
        editing.restore_action(store, self.deleted)


@dataclass
class UndoLog:
    """The changes made in this session, newest last."""

    entries: list[UndoEntry] = field(default_factory=list)

    def push(self, entry: UndoEntry) -> None:
        self.entries.append(entry)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def peek(self) -> UndoEntry | None:
        return self.entries[-1] if self.entries else None

    def undo_last(self, store: Store, *, by: str, now: datetime) -> str:
        """Reverse the newest change and say what was undone.

        The entry leaves the log even when the undo fails (someone changed
        the record since): undoing it again could only fail the same way.
        """
        entry = self.entries.pop()
        version = entry.undo(store, by=by, now=now)
        if version is not None and entry.action_id is not None:
            self.entries = [
                replace(e, version=version) if e.action_id == entry.action_id else e  # type: ignore[type-var]
                for e in self.entries
            ]
        return entry.description
