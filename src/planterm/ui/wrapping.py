"""Word wrap that says where each line starts and ends, without making the lines.

The detail pane needs the height of every update to size its scroll bar,
but draws only the lines on screen. Rich's `Text.wrap` makes every line
(a Text each, rendered): about 0.2 ms for a 300-character update. Here a
paragraph of plain ASCII is measured by `len`, anything else by Rich's cell
widths (wide characters, emoji, combining marks), with Rich's rules: words
break at white space, a word wider than the line is folded, and the white
space at a break is dropped.
"""

import re
from collections.abc import Callable

from rich.cells import cell_len

_WORD = re.compile(r"\s*\S+\s*")
"""As Rich's: a word with the white space after it (and, first on a line, before it)."""


def wrap_offsets(plain: str, width: int) -> list[tuple[int, int]]:
    """(start, end) in `plain` of each line, wrapped to `width` cells; ends leave out
    trailing white space. Lines break at each new line too. Tabs are taken as one cell:
    expand them first."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start = 0
    for paragraph in plain.split("\n"):
        lines.extend((start + a, start + b) for a, b in _wrap_paragraph(paragraph, width))
        start += len(paragraph) + 1
    return lines


def _wrap_paragraph(paragraph: str, width: int) -> list[tuple[int, int]]:
    measure: Callable[[str], int] = len if paragraph.isascii() else cell_len
    if measure(paragraph) <= width:
        return [(0, len(paragraph.rstrip()))]
    breaks: list[tuple[int, int]] = []
    line_start = used = 0
    for match in _WORD.finditer(paragraph):
        word = match.group()
        bare = measure(word.rstrip())
        if used + bare <= width:
            used += measure(word)
            continue
        if used:
            breaks.append((line_start, match.start()))
            line_start = match.start()
        if bare > width:
            stop = match.start() + len(word.rstrip())
            while measure(paragraph[line_start:stop]) > width:
                cut = _fit(paragraph, line_start, width, measure)
                breaks.append((line_start, cut))
                line_start = cut
            used = measure(paragraph[line_start : match.end()])
        else:
            used = measure(word)
    breaks.append((line_start, len(paragraph)))
    return [(a, a + len(paragraph[a:b].rstrip())) for a, b in breaks]


def _fit(text: str, start: int, width: int, measure: Callable[[str], int]) -> int:
    """The end of the longest run from `start` that fits `width` cells (at least one character)."""
    if measure is len:
        return start + width
    end, used = start, 0
    while end < len(text):
        cells = cell_len(text[end])
        if used + cells > width and end > start:
            break
        used += cells
        end += 1
    return end
