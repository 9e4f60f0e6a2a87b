"""`planterm import TABLE --plan KEY`: from the command line, as a coordinator would."""

import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.test_bad_input import db_state
from tests.conftest import REPO, Result

Run = Callable[..., Result]
PASTED = REPO / "tests" / "data" / "seeds" / "pcc-da-2020-action-plan.txt"


def test_a_dry_run_shows_the_plan_and_every_repair_and_changes_nothing(
    planterm: Run, bundled_db: Path
) -> None:
    before = db_state(bundled_db)
    result = planterm(
        "import",
        str(REPO / "tests/data/seeds/da-jsna-appendix-1.txt"),
        "--plan",
        "jsna",
        "--dry-run",
    )
    assert result.code == 0, result.err
    assert "would import jsna: Domestic Abuse Joint Strategic" in result.out
    assert "4 themes, 19 actions, 19 updates, 0 with a status (19 untriaged)" in result.out
    assert "(no header) → ref" in result.out
    assert "    Provision: 11, 12, 13, 14, 15, 16, 17" in result.out
    assert "da-jsna-appendix-1.txt, line 30: moved '15 units in the North.'" in result.out
    assert db_state(bundled_db) == before


def test_a_pasted_table_imports_and_lists(planterm: Run, bundled_db: Path) -> None:
    result = planterm(
        "import", str(PASTED), "--plan", "pcc-copy",
        "--issuing-body", "Nottinghamshire OPCC",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == "imported pcc-copy: 9 themes, 23 actions, 23 updates\n"
    listed = json.loads(planterm("list", "--plan", "pcc-copy", "--json").out)
    assert [row["ref"] for row in listed][:3] == ["1", "2", "3"]
    assert listed[0]["leads"] == [
        "PCC", "City Council", "County Council", "Violence Reduction Unit", "CCGs"
    ]  # fmt: skip
    assert listed[0]["due"] == "2021-03-31"


def test_a_dry_run_of_bad_rows_lists_them_all_and_exits_1(
    planterm: Run, bundled_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Ref,Action,Status\n1,Fund,Green\n2,Train,Purple\n2,Again,Red\n")
    before = db_state(bundled_db)
    result = planterm("import", str(path), "--plan", "bad", "--dry-run")
    assert result.code == 1
    assert f"{path}, line 3: ref 2: status 'Purple' is not in the rag key" in result.out
    assert f"{path}, line 4: ref 2 appears twice (lines 3 and 4)" in result.out
    assert (
        result.err == f"planterm: {path}, line 3: 2 rows could not be read, the first: "
        "ref 2: status 'Purple' is not in the rag key (Green, Amber, Red, White (NS)); "
        "fix it or leave the cell empty for untriaged; nothing was imported; "
        "fix those rows and import again\n"
    )
    real = planterm("import", str(path), "--plan", "bad")
    assert real.code == 1 and real.out == ""
    assert real.err.count("\n") == 1 and "line 3: ref 2: status 'Purple'" in real.err
    assert db_state(bundled_db) == before


def test_table_options_are_refused_for_snapshots_and_tables_one_at_a_time(
    planterm: Run, bundled_db: Path, tmp_path: Path
) -> None:
    snapshot = REPO / "data" / "da-jsna.toml"
    result = planterm("import", str(snapshot), "--scheme", "rag")
    assert result.code == 1
    assert "--scheme is for importing a table, not a snapshot" in result.err
    result = planterm("import", str(PASTED), str(PASTED), "--plan", "two")
    assert result.code == 1
    assert "import one table at a time" in result.err


def test_a_dry_run_meets_the_checks_the_import_would(
    planterm: Run, bundled_db: Path, tmp_path: Path
) -> None:
    before = db_state(bundled_db)
    table = planterm("import", str(PASTED), "--plan", "pcc-da-2020", "--dry-run")
    assert table.code == 1
    assert table.out.startswith("would import pcc-da-2020: ")
    assert table.err.startswith("planterm: ") and "plan pcc-da-2020 is already in the database" \
        in table.err  # fmt: skip
    replace = planterm("import", str(PASTED), "--plan", "pcc-da-2020", "--dry-run", "--replace")
    assert replace.code == 0 and replace.out.startswith("would replace pcc-da-2020: ")

    snapshot = str(REPO / "data" / "da-jsna.toml")
    again = planterm("import", snapshot, "--dry-run")
    assert again.code == 1 and "plan da-jsna is already in the database" in again.err
    over = planterm("import", snapshot, "--dry-run", "--replace")
    assert over.out == f"would replace da-jsna from {snapshot}: 19 actions, 19 updates\n"
    assert db_state(bundled_db) == before


def test_a_file_planterm_cannot_read_says_so(
    planterm: Run, bundled_db: Path, tmp_path: Path
) -> None:
    old = tmp_path / "plan.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 an old Excel file")
    result = planterm("import", str(old), "--plan", "old")
    assert result.code == 1
    assert result.err == (
        f"planterm: {old}: cannot read .xls files; "
        "import .toml snapshots, or tables as .csv, .tsv, .txt or .xlsx\n"
    )


def test_a_dry_run_lists_the_theme_cells_filled_from_above(planterm: Run, bundled_db: Path) -> None:
    result = planterm("import", str(PASTED), "--plan", "pcc-copy", "--dry-run")
    assert result.code == 0, result.err
    assert (
        f"{PASTED}, line 15: theme cell blank: 'Nature and prevalence of domestic abuse' "
        "from above (a merged cell)"
    ) in result.out
    assert f"{PASTED}, line 13: theme cell blank" not in result.out


def test_one_theme_action_and_update_are_counted_in_the_singular(
    planterm: Run, bundled_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "one.csv"
    path.write_text("Theme,Ref,Action,Update\nPrevention,1,Fund refuges,Agreed.\n")
    dry = planterm("import", str(path), "--plan", "one", "--dry-run")
    assert "  1 theme, 1 action, 1 update, 0 with a status" in dry.out
    result = planterm("import", str(path), "--plan", "one")
    assert result.out == "imported one: 1 theme, 1 action, 1 update\n"
