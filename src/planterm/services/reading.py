"""The quick way in for a command that only reads.

When --db is a SQLite file already at this planterm's schema, there is
nothing to create, upgrade or fill, so the command reads it with sqlite3
alone and never imports SQLAlchemy, SQLModel or Alembic: a list or a
summary then costs little more than its query. Anything else (a new file,
an older schema, PostgreSQL) goes the whole way through `opening.open_store`.
"""

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planterm.config import Settings
from planterm.storage.reader import SqliteFile, SqliteReader, sqlite_revision
from planterm.storage.revision import HEAD_REVISION

if TYPE_CHECKING:
    from planterm.storage.store import Store

_SQLITE_FILE_URL = "sqlite:///"


def quick_source(settings: Settings, *, read_only: bool = False) -> SqliteFile | None:
    """A sqlite3-only reader on the database, or None when opening it needs more.

    It makes no daily backup (`opening.open_store` does): reading changes
    nothing, and every change goes through `open_store`, so a day's first
    change always finds that day's backup made before it.
    """
    url = settings.db_url
    if not url.startswith(_SQLITE_FILE_URL) or "?" in url:
        return None
    path = Path(url.removeprefix(_SQLITE_FILE_URL))
    if not path.name or path.name == ":memory:" or not path.is_file():
        return None
    if sqlite_revision(path) != HEAD_REVISION:
        return None
    return SqliteFile(path, read_only=read_only)


class StoreOpening:
    """The app's store while it opens in a thread; reads go to the file at once.

    Opening a `Store` imports SQLAlchemy and SQLModel, about half a second.
    The app paints its first screen from `SqliteFile` reads meanwhile, and
    starts the opening (`start`) once that screen is up, where no one waits.
    Anything else asked of it (a write, say) waits for the store in the
    worker thread that asks, never on the event loop, and starts the opening
    itself if nothing has yet.
    """

    def __init__(self, quick: SqliteFile, opener: Callable[[], "Store"]):
        self._quick = quick
        self._opener = opener
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._store: Store | None = None
        self._error: BaseException | None = None

    def reading(self) -> AbstractContextManager[SqliteReader]:
        return self._quick.reading()

    def describe(self) -> str:
        return self._quick.describe()

    def start(self) -> None:
        """Open the store in a thread of its own, once."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._open, name="planterm-open-store", daemon=True
                )
                self._thread.start()

    def opened(self) -> "Store":
        """The store, waiting for it to open; an error in opening is raised here."""
        self.start()
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._store is not None
        return self._store

    def __getattr__(self, name: str) -> Any:
        return getattr(self.opened(), name)

    def _open(self) -> None:
        try:
            self._store = self._opener()
        except BaseException as exc:  # handed to whoever asks for the store
            self._error = exc
        finally:
            self._done.set()
