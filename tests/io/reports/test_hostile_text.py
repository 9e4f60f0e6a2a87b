"""User text is data in every report format: markup, scripts, formulas and
terminal escapes come out as text, and never break the file around them."""

import csv
import io
import re
from datetime import date
from html.parser import HTMLParser
from io import BytesIO

import pytest
import tomli_w
from openpyxl import load_workbook

from planterm.domain.report import Report
from planterm.io import snapshot
from planterm.services.report import build_report, render_report
from planterm.services.transfer import import_docs
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY

FORMULA = "=cmd|' /C calc'!A0"
ESCAPES = "\x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07 \x9b2J \u202egnp.exe"
THEME = "## Theme | <b>bold</b>\nsecond line #"
BODY = (
    "[red]alert[/red] <img src=x onerror=alert(4)> *em* `code` [a](javascript:alert(5)) "
    f"line one\r\nline two | pipe {ESCAPES}"
)
HOSTILE = {
    "format": "planterm-snapshot",
    "version": 1,
    "agencies": [{"name": "<script>alert('lead')</script>", "aliases": ["evil"]}],
    "plans": [
        {
            "key": "hostile",
            "title": "[bold]Plan[/bold] <script>alert(1)</script> \x1b[2J",
            "issuing_body": '=HYPERLINK("http://evil.example","click")',
            "period": "@period",
            "themes": [{"name": THEME}],
            "scheme": {
                "key": "rag",
                "name": "RAG",
                "statuses": [
                    {"key": "green", "label": "Green</td><script>alert(2)</script>",
                     "meaning": "=1+1", "symbol": "<", "category": "done",
                     "colour": "red;}</style><script>alert(3)</script>"},
                    {"key": "amber", "label": "Amber", "symbol": "A", "category": "at-risk",
                     "meaning": "[link=https://evil.example]x[/link]", "colour": "#F9A825"},
                ],
            },
        }
    ],
    "actions": [
        {"plan": "hostile", "theme": THEME, "ref": "-1", "text": FORMULA, "leads": ["evil"],
         "owner": "+SUM(1)", "status": "green", "due": date(2021, 3, 31),
         "updates": [{"date": date(2021, 3, 1), "period": "-2+3", "author": "@admin",
                      "body": BODY}]},
        {"plan": "hostile", "theme": THEME, "ref": "2", "text": "#N/A", "status": "amber"},
    ],
}  # fmt: skip

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "p", "h1", "h2", "h3", "dl",
    "dt", "dd", "section", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "svg",
    "desc", "text", "rect",
}  # fmt: skip


@pytest.fixture
def report(store: Store) -> Report:
    doc = snapshot.parse(tomli_w.dumps(HOSTILE), source="hostile.toml")
    import_docs(store, [("hostile.toml", doc)], replace=False, now=NOW)
    return build_report(store, "hostile", today=TODAY, exceptions_first=True)


def text_of(report: Report, fmt: str) -> str:
    content = render_report(report, fmt)
    assert isinstance(content, str)
    return content


def test_the_fixture_really_is_hostile(report: Report) -> None:
    (section,) = report.sections
    first = section.rows[0]
    assert first.action.text == FORMULA
    assert "\x1b[31m" in first.updates[0].body and "\r\n" in first.updates[0].body


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_no_control_character_reaches_a_text_report(report: Report, fmt: str) -> None:
    text = text_of(report, fmt)
    allowed = {"\n", "\r"} if fmt == "csv" else {"\n"}
    found = {c for c in text if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in allowed}
    assert found == set()
    assert "\u202e" not in text
    shown = r"\\x1b\[31mred" if fmt == "md" else r"\x1b[31mred"
    assert shown in text  # shown, not obeyed


def test_markdown_keeps_user_text_inert(report: Report) -> None:
    text = text_of(report, "md")
    assert re.search(r"(?<!\\)<(?!br>)", text) is None  # no raw HTML but planterm's <br>
    assert r"\<script\>" in text and r"\[a\](javascript:alert(5))" in text
    assert r"\*em\*" in text and r"\`code\`" in text and r"\[bold\]" in text
    table_lines = [line for line in text.splitlines() if line.startswith("|")]
    row = next(line for line in table_lines if line.startswith("| -1 |"))
    assert row.endswith("|") and row.count(" | ") == 6  # seven cells: no | got out
    assert r"line one<br>line two \| pipe" in row
    assert "## \\#\\# Theme \\| \\<b\\>bold\\</b\\><br>second line \\#" in text


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def test_html_escapes_every_piece_of_user_text(report: Report) -> None:
    text = text_of(report, "html")
    parser = Tags()
    parser.feed(text)
    assert parser.tags <= ALLOWED_TAGS
    assert not {a for a in parser.attributes if a.startswith("on") or a in ("href", "src")}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(4)&gt;" in text
    assert "</style><script>" not in text and "alert(3)" not in text  # the colour was refused
    assert "background-color:#f9a825" in text
    assert "line one\nline two | pipe" in text


def test_html_is_self_contained(report: Report) -> None:
    text = text_of(report, "html")
    assert "<script" not in text and "<link" not in text and "@import" not in text
    assert "url(" not in text and "<img" not in text
    assert "@media print" in text


def test_csv_stores_formulas_as_text(report: Report) -> None:
    rows = list(csv.reader(io.StringIO(text_of(report, "csv"))))
    header, first, second = rows
    assert header[-1] == "exceptions"
    cells = dict(zip(header, first, strict=True))
    assert cells["ref"] == "'-1" and cells["recommendation"] == "'" + FORMULA
    assert cells["owner"] == "'+SUM(1)" and cells["leads"] == "<script>alert('lead')</script>"
    assert cells["updates"].startswith("2021-03-01 · -2+3 · @admin: [red]alert[/red]")
    assert "line one\nline two | pipe" in cells["updates"]
    assert dict(zip(header, second, strict=True))["recommendation"] == "#N/A"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_the_workbook_holds_no_formula(report: Report) -> None:
    content = render_report(report, "xlsx")
    assert isinstance(content, bytes)
    book = load_workbook(BytesIO(content))
    values = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert "\x1b" not in cell.value and "\u202e" not in cell.value
                    values[cell.value] = cell
    formula = values[FORMULA]
    assert formula.data_type == "s" and formula.quotePrefix
    assert values["#N/A"].data_type == "s"
    assert values['=HYPERLINK("http://evil.example","click")'].quotePrefix
    green = values["< Green</td><script>alert(2)</script>"]
    assert green.fill.fill_type is None  # the colour was refused, the words stay
    amber = values["A Amber"]
    assert amber.fill.fgColor.rgb == "FFF9A825"
