"""Importing plans from pasted tables and spreadsheets.

The seed documents 000 and 002 are the yardstick: their text, imported as it
is, gives the plans in data/.
"""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from planterm.errors import ConflictError, InputError
from planterm.io.table_plan import TableOptions
from planterm.services.table_import import import_table, read_table_plan
from planterm.services.transfer import export_doc
from planterm.storage.store import Store
from tests.conftest import NOW, REPO, TODAY, dump_rows

SEEDS = REPO / "tests" / "data" / "seeds"
PCC_TEXT = SEEDS / "pcc-da-2020-action-plan.txt"
JSNA_TEXT = SEEDS / "da-jsna-appendix-1.txt"


def actions_of(store: Store, key: str) -> list[dict[str, Any]]:
    doc = export_doc(store, plan_keys=[key], now=NOW)
    return [
        a.model_dump(exclude={"plan", "created_at", "modified_at"}, mode="json")
        for a in doc.actions
    ]


def themes_of(store: Store, key: str) -> list[str]:
    return [t.name for t in export_doc(store, plan_keys=[key], now=NOW).plans[0].themes]


def import_path(store: Store, path: Path, today: date = TODAY, **options: Any) -> None:
    reading = read_table_plan(store, path, TableOptions(**options), today=today)
    assert reading.problems == ()
    import_table(store, reading, replace=False, now=NOW)


def test_the_2020_action_plan_text_imports_as_the_bundled_plan(bundled: Store) -> None:
    """With no --scheme: the document's Key block lists the pcc-2020 meanings."""
    import_path(bundled, PCC_TEXT, plan_key="pcc-copy")
    assert themes_of(bundled, "pcc-copy") == themes_of(bundled, "pcc-da-2020")
    assert actions_of(bundled, "pcc-copy") == actions_of(bundled, "pcc-da-2020")
    plan = export_doc(bundled, plan_keys=["pcc-copy"], now=NOW).plans[0]
    bundled_plan = export_doc(bundled, plan_keys=["pcc-da-2020"], now=NOW).plans[0]
    assert plan.scheme == bundled_plan.scheme
    assert plan.period == "January - March 2021"
    assert plan.title == bundled_plan.title
    # The text never names who issued it (only "PCC"): see docs/table-import.md.
    assert plan.issuing_body == "Not stated"


def test_a_key_listed_above_the_table_chooses_its_scheme_over_the_words(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "keyed.txt"
    path.write_text(
        "Key\n\tAction is complete.\n"
        "\tAction has begun and has achieved progress expected at this stage.\n"
        "\tAction has not yet started.\n"
        "\tAction is sequential and not expected to begin until later in 2021.\n\n"
        "Ref\tAction\tStatus\n1\tFund refuges\tcomplete\n"
    )
    reading = read_table_plan(store, path, TableOptions("k"), today=TODAY)
    assert reading.doc.plans[0].scheme.key == "pcc-2020"
    assert "key lists" in reading.scheme_note
    assert reading.doc.actions[0].status == "complete"


def test_a_key_listing_only_some_meanings_chooses_no_scheme(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "part.txt"
    path.write_text("Key\n\tAction is complete.\n\nRef\tAction\tStatus\n1\tFund\t\n")
    reading = read_table_plan(store, path, TableOptions("k"), today=TODAY)
    assert reading.doc.plans[0].scheme.key == "rag"


def test_the_jsna_title_is_its_heading_without_the_appendix_number(bundled: Store) -> None:
    reading = read_table_plan(bundled, JSNA_TEXT, TableOptions("j"), today=TODAY)
    bundled_plan = export_doc(bundled, plan_keys=["da-jsna"], now=NOW).plans[0]
    assert reading.doc.plans[0].title == bundled_plan.title


def test_the_jsna_appendix_text_imports_as_the_bundled_plan(bundled: Store) -> None:
    """All but one sentence: where the rest of a page-cut row 15 ends is a judgement.

    The importer moves back the sentence the page end cut and asks for a check
    (see the next test); the bundled file also moved the sentence after it.
    """
    import_path(bundled, JSNA_TEXT, today=date(2019, 12, 31), plan_key="jsna-copy")
    assert themes_of(bundled, "jsna-copy") == themes_of(bundled, "da-jsna")
    imported = actions_of(bundled, "jsna-copy")
    bundled_plan = actions_of(bundled, "da-jsna")
    judged = "There is 'Sanctuary' provision in some but not all areas of the County."
    for ref in ("15", "16"):
        got, want = imported[int(ref) - 1], bundled_plan[int(ref) - 1]
        assert {**got, "updates": None} == {**want, "updates": None}
    assert (
        imported[14]["updates"][0]["body"] + " " + judged == bundled_plan[14]["updates"][0]["body"]
    )
    assert (
        imported[15]["updates"][0]["body"] == judged + " " + bundled_plan[15]["updates"][0]["body"]
    )
    del imported[14:16], bundled_plan[14:16]
    assert imported == bundled_plan


def test_the_repairs_made_to_the_jsna_text_are_noted_by_line(bundled: Store) -> None:
    reading = read_table_plan(bundled, JSNA_TEXT, TableOptions("j"), today=TODAY)
    assert [(row, note.split(" (")[0]) for row, note in reading.notes] == [
        (15, "joined to ref 7 above"),
        (20, "joined to ref 10 above"),
        (26, "joined to ref 13 above"),
        (30, "moved '15 units in the North.' back to ref 15"),
    ]
    unheaded = [(c.header, str(c.role)) for c in reading.columns if c.unheaded]
    assert unheaded == [("Ref", "ref"), ("Current status", "update")]


def test_lead_cells_are_split_by_agencies_given_on_a_new_database(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "pasted.txt"
    path.write_text(
        "Theme\tRef\tRecommendation\tLead agencies\n"
        "Prevention\t1\tFund refuges\tPCC City Council County Council CCGs\n"
    )
    reading = read_table_plan(store, path, TableOptions("p"), today=TODAY)
    assert reading.doc.actions[0].leads == ["PCC City Council County Council CCGs"]
    assert reading.notes[0][1] == (
        "ref 1: Lead agencies 'PCC City Council County Council CCGs' gives the new agencies "
        "PCC City Council County Council CCGs (if not, name its agencies with --agency)"
    )

    given = ("PCC", "City Council", "County Council", "CCGs")
    import_path(store, path, plan_key="p", agencies=given)
    assert actions_of(store, "p")[0]["leads"] == list(given)


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode())
    return path


def test_a_csv_tracker_imports_with_themes_statuses_dates_and_fields(
    bundled: Store, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "tracker.csv",
        [
            "Theme,No,Action,Responsibility,RAG Status,Timescale,Update Q3 2019-20,Budget",
            'Safeguarding,1,"Review MARAC capacity by March 2021",Force,G,,Done.,£5k',
            ",2,Train GPs,CCGs; PCC,Amber,31/12/2020,Half trained.,",
            ",3,Publish a directory,,,Ongoing,,",
            "Justice,4,Court support,CPS,,Q1 2021-22,,",
        ],
    )
    import_path(bundled, path, plan_key="tracker", title="Tracker")
    plan = export_doc(bundled, plan_keys=["tracker"], now=NOW).plans[0]
    assert plan.scheme.key == "rag"
    assert [t.name for t in plan.themes] == ["Safeguarding", "Justice"]
    one, two, three, four = actions_of(bundled, "tracker")
    assert (one["theme"], two["theme"], three["theme"]) == ("Safeguarding",) * 3
    assert four["theme"] == "Justice"
    assert one["leads"] == ["Nottinghamshire Police"]
    assert one["fields"] == {"Responsibility": "Force", "Budget": "£5k"}
    assert two["leads"] == ["CCGs", "PCC"]
    assert (one["status"], two["status"], three["status"]) == ("green", "amber", None)
    assert one["due"] == "2021-03-31"  # "by March 2021" in the text
    assert two["due"] == "2020-12-31"
    assert three["due"] is None and three["fields"] == {"Timescale": "Ongoing"}
    assert four["due"] == "2021-06-30"
    assert one["updates"] == [
        {"date": "2019-12-31", "period": "Q3 2019-20", "author": None, "body": "Done."}
    ]


def test_an_xlsx_with_merged_theme_cells_reads_the_theme_above(
    bundled: Store, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Theme", "Ref", "Deliverable", "Lead agencies", "Status"])
    sheet.append(["Identification", "1", "Routine enquiry", "Nottinghamshire Police", "Complete"])
    sheet.append([None, "2", "Training", "PCC", "Sequential"])
    sheet.append(["Support", "3", "Refuges", "County Council", ""])
    sheet.merge_cells("A2:A3")
    path = tmp_path / "plan.xlsx"
    book.save(path)
    import_path(bundled, path, plan_key="sheet")
    rows = actions_of(bundled, "sheet")
    assert [(a["ref"], a["theme"], a["status"]) for a in rows] == [
        ("1", "Identification", "complete"),
        ("2", "Identification", "sequential"),
        ("3", "Support", None),
    ]
    assert export_doc(bundled, plan_keys=["sheet"], now=NOW).plans[0].scheme.key == "pcc-2020"


def test_every_row_that_cannot_be_read_is_named_and_nothing_is_written(
    bundled: Store, db_path: Path, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            "Ref,Recommendation,Status",
            "1,Fund refuges,Green",
            "2,Train staff,Greenish",
            "1,Review,Red",
            "3,,Amber",
        ],
    )
    reading = read_table_plan(bundled, path, TableOptions("bad"), today=TODAY)
    assert [row for row, _ in reading.problems] == [3, 4, 5]
    assert "status 'Greenish' is not in the rag key" in reading.problems[0][1]
    assert "ref 1 appears twice (lines 2 and 4)" in reading.problems[1][1]
    assert "the action text is empty" in reading.problems[2][1]
    before = dump_rows(bundled)
    with pytest.raises(InputError) as error:
        import_table(bundled, reading, replace=False, now=NOW)
    assert str(error.value).startswith(f"{path}, line 3: ref 2: status 'Greenish'")
    assert "(and 2 more)" in str(error.value)
    assert dump_rows(bundled) == before


def test_a_table_without_a_header_row_is_refused(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "none.csv", ["1,Fund refuges,PCC"])
    with pytest.raises(InputError, match="found no header row naming the actions"):
        read_table_plan(store, path, TableOptions("x"), today=TODAY)


def test_an_existing_plan_key_is_refused_unless_replaced(bundled: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ["Ref,Action", "1,Fund refuges"])
    reading = read_table_plan(bundled, path, TableOptions("da-jsna"), today=TODAY)
    with pytest.raises(ConflictError, match="already in the database"):
        import_table(bundled, reading, replace=False, now=NOW)
    import_table(bundled, reading, replace=True, now=NOW)
    assert [a["ref"] for a in actions_of(bundled, "da-jsna")] == ["1"]


def test_a_bad_plan_key_or_scheme_is_refused(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ["Ref,Action", "1,Fund refuges"])
    with pytest.raises(InputError, match="cannot be a plan key"):
        read_table_plan(store, path, TableOptions("Bad Key"), today=TODAY)
    with pytest.raises(InputError, match="no built-in scheme 'traffic'"):
        read_table_plan(store, path, TableOptions("ok", scheme="traffic"), today=TODAY)


def test_a_header_repeated_on_each_page_is_skipped_and_prose_in_the_ref_column_is_named(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "pages.txt"
    path.write_text(
        "No\tSPECIFIC DELIVERABLES OF PARTNERS\tRAG Status\n"
        "1\tVictim CARE community points\tG\n"
        "No\tSPECIFIC DELIVERABLES OF PARTNERS\tRAG Status\n"
        "2\tRestorative justice offer\tA\n"
        "Update January 2020: the service has 34 points\t\t\n"
    )
    reading = read_table_plan(store, path, TableOptions("p"), today=TODAY)
    assert [(a.ref, a.text, a.status) for a in reading.doc.actions] == [
        ("1", "Victim CARE community points", "green"),
        ("2", "Restorative justice offer", "amber"),
    ]
    assert reading.notes == ((3, "the header row again (a table over pages); skipped"),)
    assert reading.problems == (
        (5, "the ref column holds 'Update January 2020: the serv…', which is not a ref"),
    )


def test_nothing_in_a_cell_is_lost_or_guessed_silently(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [
            "Theme,Ref,Action,Due,Notes,Notes",
            "Prevention,1,Publish the strategy by March 2021,Ongoing,first,second",
            ",2,Review by Mayor 2021 panel,,,",
            ",3,Train staff by June 2021,,,",
            "see note below,,,,,",
        ],
    )
    reading = read_table_plan(store, path, TableOptions("t"), today=TODAY)
    one, two, three = reading.doc.actions
    assert one.due is None and one.fields == {"Due": "Ongoing", "Notes": "first",
                                              "Notes (2)": "second"}  # fmt: skip
    assert two.due is None  # "Mayor" is not May
    assert three.due == date(2021, 6, 30)
    assert (4, "ref 3: due 2021-06-30, as its text says") in reading.notes
    assert reading.problems == ((5, "text in the theme column on a row with no ref and no action"),)


def test_a_workbook_is_read_from_the_first_sheet_with_a_plan(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    cover.append(["Violence Against Women and Girls Action Plan"])
    plan = book.create_sheet("Plan")
    plan.append(["Ref", "Action", "Lead"])
    plan.append(["1", "Train staff", "Probation"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    reading = read_table_plan(store, path, TableOptions("two"), today=TODAY)
    assert reading.source == f"{path} (sheet Plan)"
    assert [a.text for a in reading.doc.actions] == ["Train staff"]

    del book["Plan"]
    book.create_sheet("Notes").append(["Nothing", "here"])
    book.save(path)
    with pytest.raises(InputError, match=r"on any sheet \(Cover, Notes\)"):
        read_table_plan(store, path, TableOptions("two"), today=TODAY)


MERGED_THEMES = [
    ["Theme", "Ref", "Action"],
    ["Prevention", "1", "Fund refuges"],
    ["", "2", "Train staff"],
    ["Provision", "3", "Open a clinic"],
    ["", "4", "Run a helpline"],
]


def write_table(path: Path, rows: list[list[str]]) -> Path:
    if path.suffix == ".xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append(row)
        book.save(path)
    else:
        sep = {".csv": ",", ".tsv": "\t", ".txt": "\t"}[path.suffix]
        path.write_text("".join(sep.join(row) + "\n" for row in rows))
    return path


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".tsv", ".xlsx"])
def test_each_blank_theme_cell_filled_from_above_is_noted_by_row(
    store: Store, tmp_path: Path, suffix: str
) -> None:
    path = write_table(tmp_path / f"merged{suffix}", MERGED_THEMES)
    reading = read_table_plan(store, path, TableOptions("m"), today=TODAY)
    assert [a.theme for a in reading.doc.actions] == ["Prevention"] * 2 + ["Provision"] * 2
    assert reading.notes == (
        (3, "theme cell blank: 'Prevention' from above (a merged cell)"),
        (5, "theme cell blank: 'Provision' from above (a merged cell)"),
    )
