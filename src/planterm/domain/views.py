"""Frozen, read-only views of plans and actions.

Services hand these to the command line and the UI instead of live rows: they
are safe to keep after the session that made them has closed.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import NamedTuple, Protocol

from planterm.domain.schemes import UNTRIAGED_LABEL, UNTRIAGED_SYMBOL, Category
from planterm.domain.snapshot_identity import UpdateRecord


@dataclass(frozen=True)
class StatusView:
    key: str
    label: str
    meaning: str
    symbol: str
    category: Category
    colour: str | None = None
    aliases: tuple[str, ...] = ()


class ShownStatus(Protocol):
    """A status as it is shown: a `StatusView`, or a snapshot's `StatusDoc`."""

    @property
    def symbol(self) -> str: ...
    @property
    def label(self) -> str: ...


def status_symbol(status: ShownStatus | None) -> str:
    return status.symbol if status else UNTRIAGED_SYMBOL


def status_label(status: ShownStatus | None) -> str:
    return status.label if status else UNTRIAGED_LABEL


def status_words(status: ShownStatus | None) -> str:
    """ "▶ On track", "? Untriaged": symbol and word, so colour is never the only signal.

    Raw user text: the caller makes it safe for where it goes.
    """
    return f"{status_symbol(status)} {status_label(status)}"


def update_heading(update: UpdateRecord) -> str:
    """ "2021-05-10 · Q1 2021-22 · NW": an update's date, then its period and author if given.

    Raw user text: the caller makes it safe for where it goes.
    """
    parts = (update.date.isoformat(), update.period, update.author)
    return " · ".join(part for part in parts if part)


class ActionRow(NamedTuple):
    """One action as the list shows it.

    A NamedTuple rather than a frozen dataclass: a list of 10,000 is made in
    a fifth of the time. Read-only all the same; compare rows by their fields.
    """

    id: int
    plan: str
    theme: str
    ref: str
    text: str
    leads: tuple[str, ...]
    owner: str | None
    status: StatusView | None
    due: date | None
    start_after: date | None
    last_update: date | None
    update_count: int
    flags: tuple[str, ...]
    fields: Mapping[str, str] = MappingProxyType({})
    version: int = 1


@dataclass(frozen=True)
class UpdateView:
    id: int
    date: date
    period: str | None
    author: str | None
    body: str


@dataclass(frozen=True)
class HistoryView:
    at: datetime
    from_key: str | None
    to_key: str | None
    by: str
    reason: str | None


@dataclass(frozen=True)
class ActionDetail:
    """One action in full: the list row plus its updates and status history."""

    row: ActionRow
    created_at: datetime
    modified_at: datetime
    updates: tuple[UpdateView, ...]  # newest first
    history: tuple[HistoryView, ...]  # oldest first


@dataclass(frozen=True)
class StatusCount:
    status: StatusView | None  # None: untriaged
    count: int


@dataclass(frozen=True)
class ThemeSummary:
    name: str
    total: int
    counts: tuple[StatusCount, ...]


@dataclass(frozen=True)
class PlanSummary:
    key: str
    title: str
    issuing_body: str
    period: str | None
    scheme_name: str
    statuses: tuple[StatusView, ...]
    total: int
    counts: tuple[StatusCount, ...]
    themes: tuple[ThemeSummary, ...]


@dataclass(frozen=True)
class ActionFields:
    """Everything about an action a user edits in one go."""

    text: str
    leads: tuple[str, ...] = ()
    owner: str | None = None
    due: date | None = None
    start_after: date | None = None
    fields: dict[str, str] = field(default_factory=dict)
