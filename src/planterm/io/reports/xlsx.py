"""A report as an Excel workbook, for boards that work in spreadsheets.

Sheets, in order: "Summary" (the plan, the date, the status key with its
results), "By theme" (each status counted per theme), "Exceptions" (only
with --exceptions-first) and "Actions" (one row per action). Every table
starts with a bold header row that stays in view (frozen); the Exceptions and
Actions tables have an autofilter. Status cells are filled with the status
colour and carry its symbol and word. Every string is stored as text, never
as a formula or an error code, whatever it begins with. The workbook's
created and modified times, and the dates of its zip entries, are midnight of
the report's date, so the same report always gives the same bytes.
"""

from collections.abc import Sequence
from datetime import date, datetime, time
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from planterm.domain.report import Report
from planterm.domain.rules import share
from planterm.domain.views import StatusView
from planterm.io.reports.colours import ink_on, status_colour
from planterm.io.reports.text import (
    FORMULA_STARTS,
    clean,
    due_value,
    facts,
    leads_text,
    no_update,
    one_line,
    report_kind,
    status_meaning,
    status_words,
    update_heading,
    updates_heading,
)

Value = str | int | date | None

MAX_CELL = 32767  # Excel's limit on the characters of one cell
DATE_FORMAT = "yyyy-mm-dd"
TOP = Alignment(vertical="top")
WRAPPED = Alignment(vertical="top", wrap_text=True)
HEADER_FILL = PatternFill("solid", fgColor="FFE8E8E8")


def render(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Summary"
    _summary(sheet, report)
    _by_theme(book.create_sheet("By theme"), report)
    if report.exceptions is not None:
        _exceptions(book.create_sheet("Exceptions"), report)
    _actions(book.create_sheet("Actions"), report)
    stamp = datetime.combine(report.today, time())
    book.properties.creator = "planterm"
    book.properties.title = one_line(report.summary.title)
    book.properties.created = stamp
    book.properties.modified = stamp
    return _dated_zip(_saved(book), stamp)


def put(sheet: Worksheet, row: int, column: int, value: Value, *, wrap: bool = True) -> Cell:
    """Write one cell: strings as text only, cleaned and cut to Excel's limit; "" as empty."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        _put_text(cell, value)
    else:
        cell.value = value
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
    cell.alignment = WRAPPED if wrap else TOP
    return cell


def _put_text(cell: Cell, value: str) -> None:
    text = clean(value)
    if not text:
        return
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    cell.value = text
    cell.data_type = "s"  # openpyxl makes "=..." a formula and "#N/A" an error
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


def _status(sheet: Worksheet, row: int, column: int, status: StatusView | None) -> None:
    cell = put(sheet, row, column, status_words(status))
    colour = status_colour(status)
    if colour:
        cell.fill = PatternFill("solid", fgColor=f"FF{colour[1:].upper()}")
        cell.font = Font(bold=True, color=f"FF{ink_on(colour)[1:].upper()}")


def _header(sheet: Worksheet, row: int, headers: Sequence[str], widths: Sequence[int]) -> None:
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = put(sheet, row, column, text)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width


def _table(sheet: Worksheet, columns: int, last_row: int) -> None:
    """Freeze the header row, filter the table, print it landscape with the header on each page."""
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{last_row}"
    sheet.print_title_rows = "1:1"
    _landscape(sheet)


def _landscape(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _summary(sheet: Worksheet, report: Report) -> None:
    plan = report.summary
    put(sheet, 1, 1, plan.title, wrap=False).font = Font(bold=True, size=14)
    put(sheet, 2, 1, plan.issuing_body, wrap=False)
    put(sheet, 3, 1, report_kind(report), wrap=False).font = Font(bold=True)
    row = 5
    for label, value in facts(report):
        put(sheet, row, 1, label).font = Font(bold=True)
        put(sheet, row, 2, value)
        row += 1
    row += 1
    put(sheet, row, 1, "Status key and results").font = Font(bold=True, size=12)
    row += 1
    headers = ("Status", "Meaning", "Number", "Of", "Number & %")
    _header(sheet, row, headers, (18, 60, 10, 10, 14))
    for count in plan.counts:
        row += 1
        _status(sheet, row, 1, count.status)
        put(sheet, row, 2, status_meaning(count.status))
        put(sheet, row, 3, count.count)
        put(sheet, row, 4, plan.total)
        put(sheet, row, 5, share(count.count, plan.total))
    _landscape(sheet)


def _by_theme(sheet: Worksheet, report: Report) -> None:
    plan = report.summary
    headers = ("Theme", *(status_words(c.status) for c in plan.counts), "Actions")
    _header(sheet, 1, headers, (40, *(14 for _ in plan.counts), 10))
    for column, count in enumerate(plan.counts, start=2):
        _status(sheet, 1, column, count.status)
    lines = [(t.name, t.counts, t.total) for t in plan.themes]
    lines.append(("All themes", plan.counts, plan.total))
    for row, (name, counts, total) in enumerate(lines, start=2):
        put(sheet, row, 1, name)
        for column, count in enumerate(counts, start=2):
            put(sheet, row, column, count.count)
        put(sheet, row, len(headers), total)
    for column in range(1, len(headers) + 1):
        sheet.cell(row=len(lines) + 1, column=column).font = Font(bold=True)
    sheet.freeze_panes = "A2"
    _landscape(sheet)


def _exceptions(sheet: Worksheet, report: Report) -> None:
    headers = ("Exception", "Theme", "Ref", "Recommendation", "Status", "Due", "Last update")
    widths = (24, 24, 8, 60, 16, 12, 12)
    _header(sheet, 1, headers, widths)
    row = 1
    for group in report.exceptions or ():
        for action in group.rows:
            row += 1
            put(sheet, row, 1, group.heading)
            put(sheet, row, 2, action.theme)
            put(sheet, row, 3, action.ref)
            put(sheet, row, 4, action.text)
            _status(sheet, row, 5, action.status)
            put(sheet, row, 6, due_value(action))
            put(sheet, row, 7, action.last_update)
    _table(sheet, len(headers), row)


def _actions(sheet: Worksheet, report: Report) -> None:
    headers = ("Theme", "Ref", "Recommendation", "Leads", "Owner", "Status", "Due",
               updates_heading(report))  # fmt: skip
    widths = (24, 8, 60, 24, 14, 16, 12, 80)
    _header(sheet, 1, headers, widths)
    row = 1
    for line in report.rows():
        row += 1
        action = line.action
        updates = "\n\n".join(f"{update_heading(u)}: {u.body}" for u in line.updates)
        put(sheet, row, 1, action.theme)
        put(sheet, row, 2, action.ref)
        put(sheet, row, 3, action.text)
        put(sheet, row, 4, leads_text(action.leads))
        put(sheet, row, 5, action.owner or "")
        _status(sheet, row, 6, action.status)
        put(sheet, row, 7, due_value(action))
        put(sheet, row, 8, updates or no_update(report))
    _table(sheet, len(headers), row)


def _saved(book: Workbook) -> bytes:
    """The workbook's bytes; openpyxl's own save would stamp it with the clock."""
    buffer = BytesIO()
    archive = ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(book, archive).save()  # closes the archive
    return buffer.getvalue()


def _dated_zip(data: bytes, stamp: datetime) -> bytes:
    """The same archive with every entry dated `stamp` instead of the clock."""
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    out = BytesIO()
    with ZipFile(BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = ZipInfo(info.filename, date_time=when)
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
