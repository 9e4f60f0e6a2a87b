"""Reading a file the user named, with one clear line for each way it can fail."""

import codecs
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


def decode_utf8(raw: bytes, source: str, *, hint: str = "save the file as UTF-8") -> str:
    """The text of `raw`, a byte-order mark dropped; a bad byte is named with its line."""
    skip = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = skip + exc.start
        line = raw[:at].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte {at + 1})", where=f"{source}, line {line}", hint=hint
        ) from None
