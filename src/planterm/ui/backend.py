"""What the app knows about its database: the store, the clock, the author.

Every call runs the service in a thread (`asyncio.to_thread`), so no
keystroke waits on the disk. Services return frozen views; widgets never
hold a session.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from planterm.domain.utc import Clock, utc_now
from planterm.services.undo import UndoLog
from planterm.storage.store import Store

T = TypeVar("T")


@dataclass
class Backend:
    store: Store
    today: date
    author: str
    read_only: bool = False
    undo_log: UndoLog = field(default_factory=UndoLog)
    clock: Clock = utc_now
    in_flight: int = 0
    """Service calls running now; tests wait for it to reach 0 before reading the screen."""

    def now(self) -> datetime:
        return self.clock()

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service function off the event loop and return its result."""
        self.in_flight += 1
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        finally:
            self.in_flight -= 1
