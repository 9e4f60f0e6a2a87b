"""Committee reports in four formats, each made from the same `Report`.

One module per format; `text` and `colours` hold what they share so the
formats say the same thing. User text is data in every one: escaped for the
format, with control characters made visible.
"""

from planterm.domain.report import Report

FORMATS = ("md", "html", "xlsx", "csv")


def render(report: Report, fmt: str) -> str | bytes:
    """The report in `fmt`: text for md, html and csv, bytes for xlsx."""
    if fmt == "md":
        from planterm.io.reports import markdown

        return markdown.render(report)
    if fmt == "html":
        from planterm.io.reports import html

        return html.render(report)
    if fmt == "csv":
        from planterm.io.reports import csv

        return csv.render(report)
    if fmt == "xlsx":
        from planterm.io.reports import xlsx

        return xlsx.render(report)
    raise ValueError(f"unknown report format {fmt!r}")
