"""Rows of a pasted table grouped into actions, the way a reader would.

Word tables lose their shape when copied: a theme written once in a merged
cell, a section heading on a row of its own, a row split across a page break
into two lines, and a sentence cut at the page end whose rest lands in the
next row. Each is put back here, and each repair is noted so a dry run can
show it.
"""

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from planterm.io.table_columns import Column, Role
from planterm.io.tables import Row

_FILLER = re.compile(r"^[\s·•.\-–—_*]*$")
_SENTENCE_END = re.compile(r"[.!?:;)\"'”’]\s*$")
_FIRST_SENTENCE = re.compile(r"^.*?[.!?](?=\s|$)", re.DOTALL)
DEFAULT_THEME = "Actions"
HEADING_LIMIT = 80
REF_LIMIT = 16


@dataclass
class RowAction:
    """One action as the table gives it: its cells by column, before any reading."""

    row: int
    ref: str
    theme: str
    cells: dict[int, str] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Grouped:
    actions: tuple[RowAction, ...]
    themes: tuple[str, ...]
    notes: tuple[tuple[int, str], ...]
    problems: tuple[tuple[int, str], ...]


def clean(cell: str) -> str:
    """A cell's text without surrounding space, and empty if it is only dots or dashes."""
    return "" if _FILLER.match(cell) else cell.strip()


def group_rows(body: Sequence[Row], columns: Sequence[Column], header: Row) -> Grouped:
    by_role = {c.role: c.index for c in reversed(columns) if c.role is not Role.FIELD}
    ref_col, theme_col = by_role.get(Role.REF), by_role.get(Role.THEME)
    text_col = by_role[Role.TEXT]
    used = [c.index for c in columns]
    actions: list[RowAction] = []
    themes: list[str] = []
    notes: list[tuple[int, str]] = []
    problems: list[tuple[int, str]] = []
    theme = ""
    counter = 0

    def use_theme(name: str) -> str:
        if name not in themes:
            themes.append(name)
        return name

    repeated = _header_key(header)
    for row in body:
        cells = {i: row.cell(i) for i in used if clean(row.cell(i))}
        if not cells:
            continue
        if _header_key(row) == repeated:
            notes.append((row.number, "the header row again (a table over pages); skipped"))
            continue
        ref = clean(row.cell(ref_col)).rstrip(".") if ref_col is not None else ""
        if len(ref) > REF_LIMIT:
            shown = ref if len(ref) <= 30 else ref[:29] + "…"
            problems.append((row.number, f"the ref column holds {shown!r}, which is not a ref"))
            continue
        theme_cell = clean(row.cell(theme_col)) if theme_col is not None else ""
        if ref or (ref_col is None and text_col in cells):
            if not ref:
                counter += 1
                ref = str(counter)
            named = " ".join(theme_cell.split())
            if theme_col is not None and not named and theme:
                notes.append(
                    (row.number, f"theme cell blank: {theme!r} from above (a merged cell)")
                )
            theme = use_theme(named or theme or DEFAULT_THEME)
            action = RowAction(row.number, ref, theme, rows=[row.number])
            for index in cells:
                if index not in (ref_col, theme_col):
                    action.cells[index] = row.cell(index)
            actions.append(action)
            continue
        if _is_heading(cells):
            (only,) = cells.values()
            theme = " ".join(only.split())
            continue
        if theme_cell and text_col in cells:
            problems.append((row.number, "this row has no ref; give it one"))
            continue
        if theme_cell:
            problems.append(
                (row.number, "text in the theme column on a row with no ref and no action")
            )
            continue
        if not actions:
            problems.append((row.number, "no ref, and no action above it to continue"))
            continue
        previous = actions[-1]
        for index, value in cells.items():
            if index in (ref_col, theme_col):
                continue
            before = previous.cells.get(index, "")
            previous.cells[index] = f"{before.rstrip()} {value.strip()}" if before else value
        previous.rows.append(row.number)
        notes.append((row.number, f"joined to ref {previous.ref} above (a row split by a page)"))
    notes.extend(_mend_page_breaks(actions, ref_col, theme_col))
    return Grouped(tuple(actions), tuple(themes), tuple(notes), tuple(problems))


def _header_key(row: Row) -> tuple[str, ...]:
    return tuple(" ".join(c.split()).casefold() for c in row.cells if c.strip())


def _is_heading(cells: dict[int, str]) -> bool:
    """A section heading: one short cell on a row of its own, not a sentence."""
    if len(cells) != 1:
        return False
    (only,) = (clean(v) for v in cells.values())
    return len(only) <= HEADING_LIMIT and not _SENTENCE_END.search(only) and only[:1].isupper()


def _mend_page_breaks(
    actions: Sequence[RowAction], ref_col: int | None, theme_col: int | None
) -> list[tuple[int, str]]:
    """Move a sentence cut by a page end back from the next row to its own.

    The sign is plain in a copied PDF: a cell that stops mid-sentence, and the
    same column of the next row beginning with a space and a lower-case word
    or a number ("... funds provision for" / " 15 units in the North.").
    """
    notes: list[tuple[int, str]] = []
    for earlier, later in itertools.pairwise(actions):
        for index, text in list(later.cells.items()):
            before = earlier.cells.get(index, "")
            if index in (ref_col, theme_col) or not before.strip():
                continue
            if _SENTENCE_END.search(before) or not re.match(r"^\s+[a-z0-9]", text):
                continue
            cut = _FIRST_SENTENCE.match(text.strip())
            if cut is None:
                continue
            moved = cut.group()
            earlier.cells[index] = f"{before.rstrip()} {moved}"
            later.cells[index] = text.strip()[len(moved) :].strip()
            notes.append(
                (
                    later.row,
                    f"moved {moved[:40]!r} back to ref {earlier.ref} (cut by a page end); "
                    f"check whether more of ref {later.ref}'s text belongs there",
                )
            )
    return notes
