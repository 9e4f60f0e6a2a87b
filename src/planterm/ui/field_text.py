"""User text in an editor's fields: shown as everywhere else, given back exactly.

An Input or a TextArea draws its value as it is, so a raw ESC in a stored
owner or update would reach the terminal (an OSC 52 would set the clipboard).
An editor therefore opens each field on the text made safe by
`planterm.display` (ESC as the four characters `\\x1b`). A field left as it
opened gives back the stored text exactly; a field the user changed gives
what it shows, so an escape they kept becomes four ordinary characters.
Pastes are made safe the same way before a field receives them.
"""

from planterm.display import safe, safe_line


def _as_lines(text: str) -> str:
    """Windows and old Mac line ends as new lines (not `\\x0d`), other controls visible."""
    return safe(text.replace("\r\n", "\n").replace("\r", "\n"))


def shown(raw: str, *, one_line: bool = False) -> str:
    """What a field opened on `raw` shows."""
    return safe_line(raw) if one_line else _as_lines(raw)


def kept(typed: str, raw: str, *, one_line: bool = False) -> str:
    """`raw` when the field still shows what it opened with, else what was typed."""
    return raw if typed == shown(raw, one_line=one_line) else typed


def pasted(text: str) -> str:
    """Pasted text as a field should hold it: line ends as new lines, controls visible.

    A terminal's paste may carry escape sequences (a web page can hide them in
    copied text); a field draws what it holds, so they are made visible first.
    """
    return _as_lines(text)
