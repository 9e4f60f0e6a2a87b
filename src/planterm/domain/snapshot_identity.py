"""When two entries of an action's logs are the same entry, whichever copy holds them.

An action's updates and its status history are append-only logs, and no
entry carries an id that survives an export: an entry is known by what it
says. `planterm diff` counts the entries NEW has that OLD lacks, and a merge
takes in those theirs has that ours lacks; both use the keys below, so an
entry that is "new" in one is new in the other.

- An update is the same when its date, period, author and body are.
- A status change is the same when its time, from, to and by are. The
  reason is what someone said about the change, not the change: a reason
  reworded on one copy does not make a second change.

The records are duck-typed (`UpdateDoc`, `HistoryDoc`, a stored revision,
a view): anything with these fields.
"""

import datetime as dt
from typing import Protocol

UpdateKey = tuple[dt.date, str | None, str | None, str]
"""What makes two updates the same: (date, period, author, body)."""

HistoryKey = tuple[dt.datetime, str | None, str | None, str]
"""What makes two status changes the same: (at, from, to, by)."""


class UpdateRecord(Protocol):
    @property
    def date(self) -> dt.date: ...
    @property
    def period(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def body(self) -> str: ...


class HistoryRecord(Protocol):
    @property
    def at(self) -> dt.datetime: ...
    @property
    def from_(self) -> str | None: ...
    @property
    def to(self) -> str | None: ...
    @property
    def by(self) -> str: ...


def update_key(update: UpdateRecord) -> UpdateKey:
    return (update.date, update.period, update.author, update.body)


def history_key(change: HistoryRecord) -> HistoryKey:
    """Equal for the same instant written with different offsets (aware times compare so)."""
    return (change.at, change.from_, change.to, change.by)
