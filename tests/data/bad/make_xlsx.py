"""Writes the broken workbooks of this folder (their bytes are committed).

Run from the repository: `.venv/bin/python tests/data/bad/make_xlsx.py`. The
files come out equal in content each time, not in bytes (a zip stamps times).
"""

import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
HEADER = ("Theme", "Ref", "Action", "Lead agencies", "RAG Status", "Timescale")
ROWS = [
    ("Prevention", 1, "Deliver healthy relationships sessions.", "City Council", "G", "March 2026"),
    (None, 2, "Run a campaign on coercive control.", "Nottinghamshire Police", "A", "Q4 2025-26"),
    ("Support", 3, "Recommission the IDVA service.", "City Council", "R", "June 2026"),
]


def workbook(rows: list[tuple[object, ...]], *, header: bool = True) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action plan"
    if header:
        sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.properties.created = book.properties.modified = datetime(2021, 4, 15)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def damaged_sheet(good: bytes) -> bytes:
    """A sound zip whose sheet XML stops in the middle of a row."""
    return rewrite(
        good,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml[: xml.index(b'<row r="3"') + 20],
    )


def broken_style_link(good: bytes) -> bytes:
    """A good workbook whose link to its styles has lost its target: openpyxl reads it
    only with a warning, then fails."""
    return rewrite(
        good,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(b'Target="styles.xml" ', b""),
    )


def rewrite(good: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item.filename, change(data) if item.filename == member else data)
    return out.getvalue()


def main() -> None:
    good = workbook(ROWS)
    files = {
        "truncated.xlsx": good[: len(good) // 2],
        "not-a-zip.xlsx": b"Theme,Ref,Action\nPrevention,1,Deliver sessions\n",
        "damaged-sheet.xlsx": damaged_sheet(good),
        "duplicate-ref.xlsx": workbook([*ROWS[:2], ("Support", 1, *ROWS[2][2:])]),
        "status-not-in-scheme.xlsx": workbook([*ROWS[:2], (*ROWS[2][:4], "Purple", "June")]),
        "no-header.xlsx": workbook(ROWS, header=False),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
    (HERE / "broken-style-link.xlsx").write_bytes(broken_style_link(good))


if __name__ == "__main__":
    main()
