"""Tables out of files: CSV, TSV, XLSX, and text pasted from Word.

Every reader gives the same thing: rows of cell strings, each row numbered as
the user sees it (the line of a text file, the row of a sheet), so a problem
can be reported "row 12". A byte-order mark and Windows line ends read the
same as plain UTF-8.
"""

import csv
import io
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from planterm.errors import InputError
from planterm.io.user_files import TEXT_LIMIT, decode_utf8, read_user_file, too_long

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")


@dataclass(frozen=True)
class Row:
    number: int
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass(frozen=True)
class Table:
    source: str
    rows: tuple[Row, ...]
    unit: str = "row"  # how the file numbers its rows: "line" for text, "row" for sheets


def read_tables(path: Path) -> tuple[Table, ...]:
    """The tables of a file, chosen by its suffix: one, or a workbook's visible sheets."""
    source = str(path)
    suffix = path.suffix.casefold()
    if suffix not in TABLE_SUFFIXES:
        raise InputError(
            f"cannot read {suffix} files" if suffix else "cannot tell the file's kind",
            where=source,
            hint="import .toml snapshots, or tables as .csv, .tsv, .txt or .xlsx",
        )
    raw = read_user_file(path)
    if suffix == ".xlsx":
        tables = _read_xlsx(raw, source)
    else:
        text = _decode(raw, source)
        if suffix == ".csv":
            tables = (_read_delimited(text, source, delimiter=","),)
        elif suffix == ".tsv":
            tables = (_read_delimited(text, source, delimiter="\t"),)
        else:
            tables = (_read_pasted(text, source),)
    for table in tables:
        _check_cell_lengths(table)
    return tables


def _check_cell_lengths(table: Table) -> None:
    for row in table.rows:
        for cell in row.cells:
            problem = too_long(cell)
            if problem is not None:
                raise InputError(
                    f"a cell is too long: {problem}",
                    where=f"{table.source}, {table.unit} {row.number}",
                    hint="shorten it, or keep the long document elsewhere and name it",
                )


def _decode(raw: bytes, source: str) -> str:
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            "the file holds a NUL byte, so it is not a text table",
            where=f"{source}, line {line}",
            hint="save the table as UTF-8 text (CSV UTF-8 in Excel)",
        )
    text = decode_utf8(raw, source, hint="save the table as UTF-8 (CSV UTF-8 in Excel)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_delimited(text: str, source: str, *, delimiter: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    try:
        start = 1
        for cells in reader:
            rows.append(Row(start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own limit
            raise InputError(
                f"a cell is too long: it is longer than the {TEXT_LIMIT:,} characters allowed",
                where=f"{source}, line {reader.line_num}",
                hint="shorten it, or check for a quote that is never closed",
            ) from None
        reason = str(exc).replace("'\t'", "a tab")  # csv names the tab by the character itself
        raise InputError(
            f"cannot read this table ({reason})",
            where=f"{source}, line {reader.line_num}",
            hint="check the quotes around that cell",
        ) from None
    return Table(source, tuple(rows), unit="line")


def _read_pasted(text: str, source: str) -> Table:
    """Text copied out of a Word table: one row a line, cells split by tabs, no quoting."""
    rows = tuple(
        Row(number, tuple(line.split("\t"))) for number, line in enumerate(text.split("\n"), 1)
    )
    return Table(source, rows, unit="line")


def _read_xlsx(raw: bytes, source: str) -> tuple[Table, ...]:
    """The visible sheets of a workbook.

    openpyxl's warnings about what it passes over (a damaged relationship, a
    missing style) are silenced: on the command line each would be a second
    line, and a line of its source code, beside the one line planterm gives.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_sheets(raw, source)


def _read_sheets(raw: bytes, source: str) -> tuple[Table, ...]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise InputError(
            f"not a readable .xlsx workbook ({type(exc).__name__})",
            where=source,
            hint="save it from Excel as an .xlsx workbook",
        ) from None
    tables = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            name = f"{source} (sheet {sheet.title})"
            tables.append(Table(name, _sheet_rows(sheet, name), unit="row"))
    finally:
        book.close()
    if not tables:
        raise InputError("the workbook has no visible sheet", where=source)
    return tuple(tables)


def _sheet_rows(sheet: Any, name: str) -> tuple[Row, ...]:
    """A sheet's rows; its XML is read only now, so damage inside it shows here."""
    rows: list[Row] = []
    try:
        sheet.reset_dimensions()  # some writers record a wrong used range
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            rows.append(Row(number, tuple(_cell_text(value) for value in values)))
    except Exception as exc:  # a damaged zip member or XML: zlib, zipfile, XML errors
        raise InputError(
            f"the sheet is damaged and cannot be read from here ({type(exc).__name__})",
            where=f"{name}, row {len(rows) + 1}",
            hint="open it in Excel and save it again as an .xlsx workbook",
        ) from None
    return tuple(rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def is_table_file(path: Path, *, plan_given: bool = False) -> bool:
    """A table by its suffix; with --plan, anything but a .toml snapshot is tried as one."""
    suffix = path.suffix.casefold()
    return suffix in TABLE_SUFFIXES or (plan_given and suffix != ".toml")
