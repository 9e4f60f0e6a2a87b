import csv
import io
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planterm import files


def test_report_has_help(planterm) -> None:  # type: ignore[no-untyped-def]
    result = planterm("report", "--help")
    assert result.code == 0 and "Usage: planterm report" in result.out
    for option in ("--plan", "--format", "--output", "--period", "--agency", "--exceptions-first"):
        assert option in result.out


def test_markdown_goes_to_standard_output(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = planterm("report", "--plan", "pcd-2019-20-t2")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert (
        lines[0]
        == "# Police and Crime Delivery Plan 2019-20 – Theme 2: Helping and Supporting Victims"
    )
    assert "- Date of report: 15 April 2021" in lines
    assert "| G Green | Achieved or Adequate Progress being Made | 15/15 (100%) |" in lines
    assert "## Exceptions" not in result.out


def test_the_date_of_the_report_is_the_runs_today(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    out = planterm("report", "--plan", "pcd-2019-20-t2", today=date(2020, 3, 4)).out
    assert "- Date of report: 4 March 2020" in out


@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_html_and_csv_go_to_standard_output_too(planterm, bundled_db: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = planterm("report", "--plan", "pcd-2019-20-t2", "--format", fmt)
    assert result.code == 0
    if fmt == "html":
        assert result.out.startswith("<!DOCTYPE html>") and "<svg" in result.out
    else:
        rows = list(csv.reader(io.StringIO(result.out)))
        assert len(rows) == 16 and rows[1][:3] == [
            "pcd-2019-20-t2",
            "Helping and Supporting Victims",
            "1",
        ]


def test_a_workbook_without_a_file_is_refused(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = planterm("report", "--plan", "pcd-2019-20-t2", "--format", "xlsx")
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1 and "add -o FILE.xlsx" in result.err


def test_a_workbook_is_written_to_a_file(planterm, bundled_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "board.xlsx"
    result = planterm("report", "--plan", "pcc-da-2020", "-o", str(target), "--exceptions-first")
    assert result.code == 0 and result.out == "" and str(target) in result.err
    assert target.stat().st_mode & 0o777 == 0o600
    book = load_workbook(target)
    assert book.sheetnames == ["Summary", "By theme", "Exceptions", "Actions"]
    assert book["Actions"].freeze_panes == "A2" and book["Actions"].auto_filter.ref == "A1:H24"


def test_the_format_follows_the_file_name(planterm, bundled_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "board.html"
    assert planterm("report", "--plan", "pcd-2019-20-t2", "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_agency_pack_says_so_in_its_heading(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    out = planterm("report", "--plan", "pcd-2019-20-t2", "--agency", "force").out
    assert "Return pack for Nottinghamshire Police: the actions it leads or owns" in out
    refs = [
        line.split(" | ")[0] for line in out.splitlines() if line[:4] in ("| 4 ", "| 5 ", "| 7 ")
    ]
    assert refs == ["| 4", "| 5", "| 7"]
    assert "| 1 |" not in out


def test_a_period_shows_its_updates(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    out = planterm("report", "--plan", "pcd-2019-20-t2", "--period", "Q3 2019-20").out
    assert "- Updates shown: those of the period Q3 2019-20" in out
    assert "| Updates (Q3 2019-20) |" in out
    assert "**2019-10-31 · October 2019**" in out and "**2020-01-31" not in out
    assert "*No update for Q3 2019-20.*" in out  # items 4, 7, 8, ... had none dated then


def test_exceptions_come_before_the_themes(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    out = planterm("report", "--plan", "pcc-da-2020", "--exceptions-first").out
    assert out.index("## Exceptions") < out.index("## Policy context")
    assert "### Overdue (1)" in out and "### Untriaged (23)" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--plan", "pcc-da-202"], "no plan 'pcc-da-202'; did you mean 'pcc-da-2020'?"),
        (["--plan", "pcc-da-2020", "--agency", "Polise"], "no agency 'Polise'; did you mean"),
        (["--plan", "pcd-2019-20-t2", "--period", "Janury 2020"], "did you mean 'January 2020'"),
        (["--plan", "pcd-2019-20-t2", "--format", "pdf"], "'pdf' is not one of"),
    ],
)
def test_a_mistake_gets_one_line_and_exit_1(
    planterm, bundled_db: Path, args: list[str], words: str
) -> None:  # type: ignore[no-untyped-def]
    result = planterm("report", *args)
    assert result.code == 1 and result.out == ""
    assert result.err.startswith("planterm: ") and result.err.count("\n") == 1
    assert words in result.err and "Traceback" not in result.err


def test_a_file_name_no_format_fits_is_refused_and_not_written(
    planterm, bundled_db: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.pdf"
    result = planterm("report", "--plan", "pcd-2019-20-t2", "-o", str(target))
    assert result.code == 1 and result.out == "" and result.err.count("\n") == 1
    assert result.err == (
        f"planterm: {target}: a report cannot be written as .pdf; "
        "end the file .md, .html, .xlsx or .csv, or give --format\n"
    )
    assert not target.exists()


@pytest.mark.sqlite_only  # the bytes of the SQLite file and its -wal
def test_a_report_never_lands_on_the_database(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    before = bundled_db.read_bytes()
    for target in (bundled_db, Path(f"{bundled_db}-wal")):
        result = planterm("report", "--plan", "pcd-2019-20-t2", "--format", "md", "-o", str(target))
        assert result.code == 1 and "that is the database itself" in result.err
    assert bundled_db.read_bytes() == before
    assert planterm("plans").code == 0


def test_a_failed_write_leaves_the_old_file_whole(
    planterm, bundled_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "board.md"
    target.parent.mkdir()
    target.write_text("last quarter's report")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    result = planterm("report", "--plan", "pcd-2019-20-t2", "-o", str(target))
    assert result.code == 1 and "cannot write the file (No space left on device)" in result.err
    assert target.read_text() == "last quarter's report"
    assert os.listdir(target.parent) == ["board.md"]  # no temporary file left behind


def test_a_missing_folder_gets_one_line(planterm, bundled_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = planterm("report", "--plan", "pcd-2019-20-t2", "-o", str(tmp_path / "no" / "r.md"))
    assert (
        result.code == 1 and result.err.count("\n") == 1 and "cannot write the file" in result.err
    )


def test_terminal_escapes_in_plan_text_never_reach_the_terminal(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    body = "Done \x1b]52;c;ZXZpbA==\x07 \x1b[2J [bold]x[/bold]"
    assert planterm("add-update", "pcd-2019-20-t2", "3", "--body", body).code == 0
    for fmt in ("md", "html", "csv"):
        out = planterm("report", "--plan", "pcd-2019-20-t2", "--format", fmt).out
        assert "\x1b" not in out and "\x07" not in out
        assert "x1b]52;c;ZXZpbA==" in out.replace("\\]", "]")


def test_an_agency_with_no_actions_in_the_plan_is_told_its_pack_is_empty(
    planterm,
    bundled_db: Path,  # type: ignore[no-untyped-def]
) -> None:
    result = planterm("report", "--plan", "pcd-2019-20-t2", "--agency", "NHS providers")
    assert result.code == 0
    assert result.err == (
        "planterm: NHS providers leads or owns no action of pcd-2019-20-t2; the report is empty\n"
    )
    assert "0/0" in result.out


def test_a_timescale_kept_as_text_is_shown_as_due_in_every_format(
    planterm, bundled_db: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "t.csv"
    table.write_text(
        "Ref,Action,Timescale\n1,Keep the helpline open,Ongoing\n2,Open a clinic,31.3.26\n"
    )
    assert planterm("import", str(table), "--plan", "t").code == 0
    md = planterm("report", "--plan", "t", "--exceptions-first").out
    assert "| 1 | Keep the helpline open |  |  | ? Untriaged | Ongoing |" in md
    assert "| 2 | Open a clinic |  |  | ? Untriaged | 2026-03-31 |" in md
    html = planterm("report", "--plan", "t", "--format", "html").out
    assert '<td class="due">Ongoing</td>' in html
    rows = list(
        csv.DictReader(io.StringIO(planterm("report", "--plan", "t", "--format", "csv").out))
    )
    assert [r["due"] for r in rows] == ["Ongoing", "2026-03-31"]
    book = tmp_path / "t.xlsx"
    assert planterm("report", "--plan", "t", "--exceptions-first", "-o", str(book)).code == 0
    sheet = load_workbook(book)["Actions"]
    assert [sheet.cell(row=r, column=7).value for r in (2, 3)] == [
        "Ongoing",
        datetime(2026, 3, 31),
    ]
    exceptions = load_workbook(book)["Exceptions"]
    assert "Ongoing" in [c.value for c in exceptions["F"]]
