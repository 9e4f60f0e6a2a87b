"""Reading a file the user named, with one clear line for each way it can fail."""

from pathlib import Path

from planterm.errors import InputError


def read_user_file(path: Path) -> bytes:
    source = str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", where=source, hint="check the path") from None
    except IsADirectoryError:
        raise InputError("this is a folder, not a file", where=source) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", where=source) from None
