"""A workbook as text: what a person sees in it, not the bytes of its zip."""

from io import BytesIO

from openpyxl import load_workbook


def dump_workbook(data: bytes) -> str:
    """Properties, then per sheet its layout and every cell that holds or shows something.

    A cell reads: coordinate, data type, value, and then its fill, ink, bold,
    number format, wrap and text prefix where set.
    """
    book = load_workbook(BytesIO(data))
    props = book.properties
    lines = [
        f"properties: creator={props.creator!r} title={props.title!r} "
        f"created={props.created.isoformat()} modified={props.modified.isoformat()}",
        f"sheets: {book.sheetnames}",
    ]
    for sheet in book.worksheets:
        lines.append(
            f"sheet {sheet.title!r}: freeze={sheet.freeze_panes} filter={sheet.auto_filter.ref} "
            f"print_titles={sheet.print_title_rows} orientation={sheet.page_setup.orientation}"
        )
        widths = {key: dim.width for key, dim in sorted(sheet.column_dimensions.items())}
        lines.append(f"  widths: {widths}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None and cell.fill.fill_type is None:
                    continue
                lines.append("  " + _cell(cell))
    return "\n".join(lines) + "\n"


def _cell(cell) -> str:  # type: ignore[no-untyped-def]
    parts = [cell.coordinate, cell.data_type, repr(cell.value)]
    if cell.fill.fill_type == "solid":
        parts.append(f"fill={cell.fill.fgColor.rgb}")
    ink = getattr(cell.font.color, "rgb", None)
    if isinstance(ink, str):
        parts.append(f"ink={ink}")
    if cell.font.bold:
        parts.append("bold")
    if cell.number_format != "General":
        parts.append(f"format={cell.number_format}")
    if cell.alignment.wrap_text:
        parts.append("wrap")
    if cell.quotePrefix:
        parts.append("text-prefix")
    return " ".join(parts)
