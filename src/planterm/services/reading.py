"""The quick way in for a command that only reads.

When --db is a SQLite file already at this planterm's schema, there is
nothing to create, upgrade or fill, so the command reads it with sqlite3
alone and never imports SQLAlchemy, SQLModel or Alembic: a list or a
summary then costs little more than its query. Anything else (a new file,
an older schema, PostgreSQL) goes the whole way through `opening.open_store`.
"""

from pathlib import Path

from planterm.config import Settings
from planterm.storage.reader import SqliteFile, sqlite_revision
from planterm.storage.revision import HEAD_REVISION

_SQLITE_FILE_URL = "sqlite:///"


def quick_source(settings: Settings) -> SqliteFile | None:
    """A sqlite3-only reader on the database, or None when opening it needs more."""
    url = settings.db_url
    if not url.startswith(_SQLITE_FILE_URL) or "?" in url:
        return None
    path = Path(url.removeprefix(_SQLITE_FILE_URL))
    if not path.name or path.name == ":memory:" or not path.is_file():
        return None
    if sqlite_revision(path) != HEAD_REVISION:
        return None
    return SqliteFile(path)
