"""What the app knows about its database: the store, the clock, the author.

Every call runs the service in a thread (`asyncio.to_thread`), so no
keystroke waits on the disk. Services return frozen views; widgets never
hold a session.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from planterm.domain.utc import Clock, utc_now
from planterm.services.reading import StoreOpening

if TYPE_CHECKING:
    from planterm.services.undo import UndoLog
    from planterm.storage.store import Store

T = TypeVar("T")


@dataclass
class Backend:
    store: "Store | StoreOpening"
    today: date
    author: str
    read_only: bool = False
    files: bool = True
    """Whether the user may name files for the app to write or read (export, report, a
    snapshot to compare with). Off in a browser tab (`planterm serve`): its user is not
    at this machine, and must not write, read or list its files."""
    _undo_log: "UndoLog | None" = field(default=None, repr=False)
    clock: Clock = utc_now
    in_flight: int = 0
    """Service calls running now; tests wait for it to reach 0 before reading the screen."""

    @property
    def undo_log(self) -> "UndoLog":
        """This session's changes, newest last; made on first use, as undo's module brings
        the services that write and SQLAlchemy."""
        if self._undo_log is None:
            from planterm.services.undo import UndoLog

            self._undo_log = UndoLog()
        return self._undo_log

    @property
    def can_undo(self) -> bool:
        return bool(self._undo_log)

    @property
    def reads_locally(self) -> bool:
        """Whether reads go to a SQLite file through sqlite3 (the app on a current file).

        Such a read takes a few milliseconds, and a WAL reader never waits for a
        writer, so the screens may read on the event loop: an action's detail as
        the cursor moves, a list's next page as it scrolls into view, a plan's
        list when a filter changes. Any other store is read in a thread.
        """
        return isinstance(self.store, StoreOpening)

    async def ready(self) -> None:
        """Wait, off the event loop, for a store still opening behind the first screen.

        Call it before importing a service that writes: those bring SQLAlchemy,
        and two threads importing it at once can see it half made.
        """
        if isinstance(self.store, StoreOpening):
            await asyncio.to_thread(self.store.opened)

    def open_in_background(self) -> None:
        """Start opening a store that opens behind the first screen (see `StoreOpening`)."""
        if isinstance(self.store, StoreOpening):
            self.store.start()

    def now(self) -> datetime:
        return self.clock()

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service function off the event loop and return its result."""
        self.in_flight += 1
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        finally:
            self.in_flight -= 1
