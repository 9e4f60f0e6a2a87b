"""Time in UTC: the system clock, read in one place.

A run's entry point reads the clock here and hands the time down; every
service takes it as a parameter (a table's own default is a last resort).
"""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Where a run reads the time: `utc_now`, or a fixed time in tests."""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
