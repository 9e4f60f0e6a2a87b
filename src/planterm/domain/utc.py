"""Time in UTC: the system clock read in one place, and moments turned to UTC.

A run's entry point reads the clock here and hands the time down; every
service takes it as a parameter (a table's own default is a last resort).
Stored times are UTC, but a snapshot may carry any offset
(`2021-04-15T00:30:00+01:00`): turn a moment with `in_utc` before taking its
date or showing it as UTC.
"""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Where a run reads the time: `utc_now`, or a fixed time in tests."""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def in_utc(moment: datetime) -> datetime:
    """An aware moment as the same instant in UTC (so its date is the UTC date)."""
    return moment.astimezone(UTC)


def utc_text(moment: datetime) -> str:
    """ "2021-04-15 09:30 UTC": a moment to the minute, in UTC and labelled so."""
    return f"{in_utc(moment):%Y-%m-%d %H:%M} UTC"
