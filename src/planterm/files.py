"""Files written whole, and the one line a file that cannot be read gets.

Beside `errors` and `display`, below every layer: the services write
exports and reports with it, and storage its database backups, so the rule
(a temporary file beside the target, flushed to disk, renamed over it) and
the way a file's failure is worded are each written once. Standard library
only: the daily backup check runs on every open.
"""

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from planterm.errors import InputError


@contextlib.contextmanager
def replaced_whole(path: Path, *, mode: int = 0o600) -> Iterator[Path]:
    """A new, empty temporary file beside `path`, for the block to fill.

    When the block ends it is flushed to disk, given `mode` and renamed over
    `path`, so readers see the old file or the whole new one, never half. If
    the block fails, the temporary file is removed and `path` is as it was.
    It is created readable by its owner alone: plans carry partnership notes.
    """
    folder = path.parent if str(path.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(folder)


def write_atomic(path: Path, data: str | bytes, *, mode: int = 0o600) -> None:
    """Write `data` (str as UTF-8) to `path` whole (see `replaced_whole`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replaced_whole(path, mode=mode) as temp:
        temp.write_bytes(payload)


def unreadable(exc: OSError, where: str, *, kind: str = "file") -> InputError:
    """The one line for a file that could not be opened: missing, a folder, or refused."""
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file", where=where, hint="check the path")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"this is a folder, not a {kind}", where=where)
    return InputError(f"cannot read the file ({exc.strerror})", where=where)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows a folder to be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
