"""One exception family for everything a user can act on.

Each error renders as a single line: what went wrong, where (file, line, row,
plan, ref) and what to do. The command line prints that line and exits 1; the
UI shows it in a notification. Anything that is not a `PlantermError` is a bug
and keeps its traceback.
"""


class PlantermError(Exception):
    """A failure the user can understand and fix."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        line = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            line = f"{line}; {self.hint}"
        return line


class InputError(PlantermError):
    """A file or value the user gave cannot be read or does not fit."""


class NotFoundError(PlantermError):
    """A plan, ref, status or agency the user named does not exist."""


class ConflictError(PlantermError):
    """Someone else changed the record since it was read, or a key is taken."""


class StoreError(PlantermError):
    """The database cannot be opened or written."""
