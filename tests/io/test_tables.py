from pathlib import Path

import pytest
from openpyxl import Workbook

from planterm.errors import InputError
from planterm.io.tables import read_table

ROWS = [["Ref", "Action", "Lead"], ["1", 'Fund refuges, "safely"', "PCC"], ["2", "Train staff", ""]]


def cells(path: Path) -> list[list[str]]:
    return [list(r.cells) for r in read_table(path).rows if not r.is_blank]


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
        read_table(path)
    assert str(error.value).startswith(str(tmp_path / expected.split(":")[0]))
    assert expected.split(": ", 1)[1] in str(error.value)
