"""Printing for the command line: terminal-safe text, JSON, and small tables.

Every piece of user text goes through `planterm.display` on its way out.
"""

import json
import re
import shutil
from collections.abc import Sequence
from typing import Any

import click

from planterm.display import safe, safe_line

__all__ = [
    "clip", "clip_start", "dumps_json", "echo_json", "safe", "safe_line", "table", "width",
]  # fmt: skip

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def dumps_json(data: Any) -> str:
    """JSON with Unicode kept readable and every control character escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
    """A plain left-aligned table; the last column is cut to the terminal's width."""
    if not rows:
        return ""
    made_safe: dict[str, str] = {}  # plans, statuses and dates repeat down a long list

    def shown(cell: object) -> str:
        text = str(cell)
        found = made_safe.get(text)
        if found is None:
            found = made_safe[text] = safe_line(text)
        return found

    rows = [[shown(cell) for cell in row] for row in rows]
    columns = list(zip(headers, *rows, strict=False))
    widths = [max(len(str(cell)) for cell in column) for column in columns]
    if last_fills:
        used = sum(widths[:-1]) + 2 * (len(widths) - 1)
        widths[-1] = max(20, min(widths[-1], width() - used))
    lines = []
    for row in (headers, *rows):
        cells = [
            clip(cell, widths[i]) if i == len(row) - 1 else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
