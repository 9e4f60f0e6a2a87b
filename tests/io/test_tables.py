import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from planterm.errors import InputError
from planterm.io.tables import Table, read_tables

ROWS = [["Ref", "Action", "Lead"], ["1", 'Fund refuges, "safely"', "PCC"], ["2", "Train staff", ""]]


def read_table(path: Path) -> Table:
    (table,) = read_tables(path)
    return table


def cells(path: Path) -> list[list[str]]:
    return [list(r.cells) for r in read_table(path).rows if any(c.strip() for c in r.cells)]


def test_csv_with_a_byte_order_mark_and_windows_line_ends_reads_as_plain_csv(
    tmp_path: Path,
) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text('Ref,Action,Lead\n1,"Fund refuges, ""safely""",PCC\n2,Train staff,\n')
    windows = tmp_path / "windows.csv"
    windows.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes().replace(b"\n", b"\r\n"))
    assert cells(plain) == ROWS
    assert cells(windows) == ROWS


def test_a_quoted_cell_over_several_lines_keeps_its_row_number(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text('Ref,Action\n1,"first line\nsecond line"\n2,next\n')
    rows = read_table(path).rows
    assert [(r.number, r.cells) for r in rows] == [
        (1, ("Ref", "Action")),
        (2, ("1", "first line\nsecond line")),
        (4, ("2", "next")),
    ]


def test_tsv_and_pasted_text_split_on_tabs(tmp_path: Path) -> None:
    pasted = tmp_path / "pasted.txt"
    pasted.write_text('Ref\tAction\tLead\n1\tA "quoted" word\tPCC\n')
    assert cells(pasted) == [["Ref", "Action", "Lead"], ["1", 'A "quoted" word', "PCC"]]
    tsv = tmp_path / "table.tsv"
    tsv.write_text("Ref\tAction\n1\tTrain staff\n")
    assert cells(tsv) == [["Ref", "Action"], ["1", "Train staff"]]


def test_xlsx_cells_read_as_text_with_dates_and_whole_numbers_plain(tmp_path: Path) -> None:
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Ref", "Action", "Due"])
    sheet.append([1, "Train staff", datetime(2021, 3, 31)])
    sheet.append([2.5, None, "March 2021"])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert cells(path) == [
        ["Ref", "Action", "Due"],
        ["1", "Train staff", "2021-03-31"],
        ["2.5", "", "March 2021"],
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.csv", b"Ref,Action\n1,\xff\xfe\n", "bad.csv, line 2: not UTF-8 text"),
        ("nul.txt", b"Ref\tAction\n\x00\n", "nul.txt, line 2: the file holds a NUL byte"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "broken.xlsx: not a readable .xlsx"),
        ("plan.docx", b"anything", "plan.docx: cannot read .docx files"),
    ],
)
def test_a_file_that_is_not_a_table_is_one_clear_error(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_tables(path)
    assert str(error.value).startswith(str(tmp_path / expected.split(":")[0]))
    assert expected.split(": ", 1)[1] in str(error.value)


def test_every_visible_sheet_is_read_whatever_used_range_it_records(tmp_path: Path) -> None:
    import zipfile

    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    cover.append(["Action plan 2025"])
    hidden = book.create_sheet("Old")
    hidden.sheet_state = "hidden"
    plan = book.create_sheet("Plan")
    plan.append(["Ref", "Action"])
    plan.append(["1", "Train staff"])
    saved = tmp_path / "saved.xlsx"
    book.save(saved)
    path = tmp_path / "wrong-range.xlsx"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1"', data)
            target.writestr(item, data)
    tables = read_tables(path)
    assert [t.source.rsplit("(", 1)[1] for t in tables] == ["sheet Cover)", "sheet Plan)"]
    assert [r.cells for r in tables[1].rows] == [("Ref", "Action"), ("1", "Train staff")]
