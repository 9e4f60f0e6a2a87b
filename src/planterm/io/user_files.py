"""Reading a file the user named, with one clear line for each way it can fail."""

import codecs
from pathlib import Path

from planterm.errors import InputError
from planterm.files import unreadable


def read_user_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(exc, str(path)) from None


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


TEXT_LIMIT = 100_000
"""The most characters one text value (a cell, a snapshot string) may hold.

About thirty pages: far beyond any action, update or note a plan holds, and
well short of what would make every screen and report that shows it crawl.
A longer one is a damaged or a hostile file, refused with its place named.
"""


def too_long(value: str) -> str | None:
    """The problem with a text over `TEXT_LIMIT`, in words, or None when it fits."""
    if len(value) <= TEXT_LIMIT:
        return None
    return f"a text of {len(value):,} characters is longer than the {TEXT_LIMIT:,} allowed"
