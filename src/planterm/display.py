"""User text made safe to show: on a terminal, in the app, in a report.

User text is data. Control characters (ESC above all), C1 controls and
bidirectional overrides are turned into visible escapes such as `\\x1b`, so
no plan text can move the cursor, set the clipboard (OSC 52), retitle the
window or reorder what is shown. Markup is never parsed by these functions;
callers hand the result to widgets as plain text objects, never as markup.

Zero-width characters (U+200B, U+200C, U+200D, U+FEFF) and combining marks
are left as they are: they move no cursor and reorder nothing, U+200D joins
emoji sequences, and U+200B and U+FEFF come in ordinary pasted Word text
(docs/reliability.md).
"""

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """`text` with every control character made visible; new lines and tabs kept."""
    return _UNSAFE.sub(_visible, text)


def safe_line(text: str) -> str:
    """`text` on one line: new lines become " / ", other controls visible."""
    joined = text.strip()
    if "\n" in joined:
        joined = _LINE_BREAK.sub(" / ", joined)
    if _UNSAFE_IN_LINE.search(joined) is None:  # the common case, and a list prints thousands
        return joined
    return _UNSAFE_IN_LINE.sub(lambda m: " " if m.group() == "\t" else _visible(m), joined)


def counted(count: int, word: str, words: str | None = None) -> str:
    """ "1 theme", "2 themes": a count with its noun; `words` when the plural is not word + s."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def first_line(text: str) -> str:
    """The first non-empty line of `text`, made safe."""
    for line in text.strip().splitlines():
        if line.strip():
            return safe_line(line)
    return ""


def brief_pair(before: str, after: str, size: int = 40) -> tuple[str, str]:
    """Two versions of a text, each made safe and cut to `size` around where they differ.

    An edit often changes a few words in a long recommendation; cutting both
    from the start would hide the change, so both start a little before the
    first character that differs.
    """
    old, new = safe_line(before), safe_line(after)
    if len(old) <= size and len(new) <= size:
        return old, new
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = max(0, same - size // 4)
    if start:
        start = old.rfind(" ", 0, start) + 1  # a word's start, or the text's
    return _window(old, start, size), _window(new, start, size)


def _window(text: str, start: int, size: int) -> str:
    lead = "…" if start else ""
    piece = text[start:]
    room = size - len(lead)
    if len(piece) > room:
        piece = piece[: room - 1] + "…"
    return lead + piece
