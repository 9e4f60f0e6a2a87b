"""Files a user asks planterm to write: whole or not at all, and never over the database."""

from pathlib import Path
from typing import Protocol

from planterm.errors import InputError
from planterm.files import write_atomic


class HasDatabaseFile(Protocol):
    """A store or a quick read source: it names its SQLite file, or None for other engines."""

    @property
    def sqlite_path(self) -> Path | None: ...


def write_output_file(
    store: HasDatabaseFile, path: Path, data: str | bytes, *, what: str, example: str
) -> Path:
    """Write `data` to `path` atomically and return where it went.

    `what` names the file in the refusal ("a snapshot") and `example` is a
    file name to suggest instead ("~/planterm-export.toml").
    """
    target = path.expanduser()
    refuse_database(store, target, what=what, example=example)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise InputError(
            f"cannot write the file ({exc.strerror})",
            where=str(target),
            hint="check the folder exists and you may write there",
        ) from None
    return target


def refuse_database(store: HasDatabaseFile, target: Path, *, what: str, example: str) -> None:
    """Raise `InputError` when `target` is the database file or one of its WAL files."""
    database = store.sqlite_path
    if database is None:
        return
    resolved = target.resolve()
    for own in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if resolved == own.resolve():
            raise InputError(
                f"that is the database itself; {what} there would destroy it",
                where=str(target),
                hint=f"choose another file name, e.g. {example}",
            )
