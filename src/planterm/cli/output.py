"""Printing for the command line: terminal-safe text, JSON, and small tables.

Every piece of user text goes through `planterm.display` on its way out.
"""

import json
import re
import shutil
from collections.abc import Sequence
from typing import Any

import click

from planterm.display import counted, safe, safe_line

__all__ = [
    "clip", "clip_start", "counted", "dumps_json", "echo_json", "safe", "safe_line", "table",
    "width",
]  # fmt: skip

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def dumps_json(data: Any) -> str:
    """JSON with Unicode kept readable and every control character escaped.

    The text is `json.dumps(data, ensure_ascii=False, indent=2)`, made by
    `_indented`: the standard library drops to its pure-Python encoder when
    asked to indent, which cost a 10k list or a 200-plan summary most of its
    time.
    """
    out: list[str] = []
    _indented(data, "\n", out)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", "".join(out))


_quoted = json.encoder.encode_basestring  # the C version where there is one


def _indented(value: Any, newline: str, out: list[str]) -> None:
    """Append `value` as JSON indented by two spaces, `newline` being the current line start."""
    if isinstance(value, str):
        out.append(_quoted(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        first = True
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys here are text, not {type(key).__name__}")
            out.append(("{" if first else ",") + inner + _quoted(key) + ": ")
            first = False
            _indented(item, inner, out)
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _indented(item, inner, out)
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif value is True or value is False:
        out.append("true" if value else "false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    else:  # other numbers as the standard library writes them (it refuses what is not JSON)
        out.append(json.dumps(value))


def echo_json(data: Any) -> None:
    click.echo(dumps_json(data))


def width() -> int:
    return max(60, shutil.get_terminal_size((100, 24)).columns)


def clip(text: str, size: int) -> str:
    line = safe_line(text)
    return line if len(line) <= size else line[: max(0, size - 1)] + "…"


def clip_start(text: str, size: int) -> str:
    """Cut from the start, keeping the end: a path keeps its file name ("…/april.toml")."""
    line = safe_line(text)
    return line if len(line) <= size else "…" + line[len(line) - max(0, size - 1) :]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, last_fills: bool = True) -> str:
    """A plain left-aligned table; the last column is cut to the terminal's width.

    Worked column by column, each distinct value made safe once: a list of
    ten thousand actions repeats its plans, statuses and dates.
    """
    if not rows:
        return ""
    headers = [safe_line(h) for h in headers]  # a summary's headers are the plan's status words
    made_safe: dict[str, str] = {}
    columns = []
    for column in zip(*rows, strict=True):
        texts = [str(cell) for cell in column]
        columns.append(
            [
                made_safe[t] if t in made_safe else made_safe.setdefault(t, safe_line(t))
                for t in texts
            ]
        )
    widths = [
        max(len(header), *map(len, column)) for header, column in zip(headers, columns, strict=True)
    ]
    if last_fills:
        used = sum(widths[:-1]) + 2 * (len(widths) - 1)
        widths[-1] = max(20, min(widths[-1], width() - used))
    last = widths[-1]
    cut = max(0, last - 1)
    padded = []
    for header, cells, size in zip(headers[:-1], columns[:-1], widths[:-1], strict=True):
        pad: dict[str, str] = {}
        padded.append(
            [header.ljust(size)]
            + [pad[c] if c in pad else pad.setdefault(c, c.ljust(size)) for c in cells]
        )
    tails = [t if len(t) <= last else t[:cut] + "…" for t in [headers[-1], *columns[-1]]]
    return "\n".join(["  ".join(cells).rstrip() for cells in zip(*padded, tails, strict=True)])
