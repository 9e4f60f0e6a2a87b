"""Another planterm is writing: wait, and begin again a few times where SQLite asks.

Every connection waits up to `engine.BUSY_TIMEOUT_MS` for a lock (the busy
timeout), and a write takes the lock when it begins (BEGIN IMMEDIATE), so two
writers queue rather than fail. SQLite still answers SQLITE_BUSY where that
wait cannot help: when the timeout runs out on BEGIN IMMEDIATE behind a long
write (an import of a large snapshot, an upgrade), or with
SQLITE_BUSY_SNAPSHOT when a transaction that began as a read tries to write.
The transaction must then be begun anew; `retry_busy` does so a few times,
after a growing, jittered pause, before the busy error reaches the user.
"""

import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa

SQLITE_BUSY = 5
"""The primary result code of SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, ...)."""

T = TypeVar("T")

ATTEMPTS = 4
FIRST_PAUSE_SECONDS = 0.05


def is_busy(exc: BaseException) -> bool:
    """Whether `exc` is SQLite's SQLITE_BUSY, or one of its extended codes, however wrapped."""
    orig = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    if not isinstance(orig, sqlite3.Error):
        return False
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None:  # a driver that does not say: read the message
        return "database is locked" in str(orig) or "database is busy" in str(orig)
    return code & 0xFF == SQLITE_BUSY


def pause(seconds: float) -> None:
    """Sleep between attempts (a function of its own, so a test can replace it)."""
    time.sleep(seconds)


def retry_busy(attempt: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """`attempt()`, begun again after a pause while it fails with SQLITE_BUSY.

    `attempt` must leave nothing behind when it fails (it only begins a
    transaction). After `attempts` tries the last failure is raised as it came.
    """
    wait = FIRST_PAUSE_SECONDS
    for _ in range(attempts - 1):
        try:
            return attempt()
        except (sa.exc.DBAPIError, sqlite3.Error) as exc:
            if not is_busy(exc):
                raise
        pause(wait * random.uniform(1.0, 1.5))
        wait *= 2
    return attempt()
