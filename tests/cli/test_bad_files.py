"""Every broken file in tests/data/bad gets one clear line and changes nothing.

Each file is run through each command that reads it (`import`, `import
--dry-run`, and for snapshots `import --merge` and `diff`) against a database
holding the bundled plans. Each run must exit 1 with exactly one line on
standard error that names the file, where in it (a line, a row or a ref) and
what is wrong, with no traceback, and leave the database file and its -wal
byte for byte as they were. The files in tests/data/bad/fine hold the same
hazards (a byte-order mark, Windows line ends) in an otherwise good file, and
must import. tests/data/bad/README.md says what is wrong with each.
"""

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Result

BAD = REPO / "tests" / "data" / "bad"
NOT_DATA = {"README.md", "make_xlsx.py"}
TABLE_PLAN = ("--plan", "bad-input")

Run = Callable[..., Result]

# Each file: the place the line must name, and the words saying what is wrong.
EXPECTED: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------- snapshots (.toml)
    "bad-category.toml": ("line 11", "category: Input should be 'done'"),
    "bad-plan-key.toml": ("line 12", "key: String should match pattern"),
    "bom-then-unknown-key.toml": ("line 54", "ref 2: unknown key 'priority'"),
    "control-char.toml": ("line 54, column 35", "Illegal character '\\x01'"),
    "crlf-then-truncated.toml": ("line 54", "Unterminated string (the file ends there)"),
    "deep-nesting-arrays.toml": ("line 55", "nested too deeply"),
    "deep-nesting-tables.toml": ("line 55", "nested too deeply"),
    "duplicate-key.toml": ("line 54, column 10", "Cannot overwrite a value"),
    "duplicate-plan.toml": ("line 59", "plan bad-input appears twice"),
    "duplicate-ref.toml": ("line 53", "ref 1 appears twice in plan bad-input"),
    "empty-text.toml": ("line 54", "ref 2: text: String should have at least 1 character"),
    "empty.toml": (".toml: ", "not a planterm snapshot (no format key)"),
    "history-not-in-scheme.toml": ("line 60", "history to 'purple' is not in the plan's scheme"),
    "impossible-date.toml": ("line 44, column 7", "Invalid date or datetime"),
    "impossible-update-date.toml": ("line 47", "not valid TOML"),
    "invalid-utf8.toml": ("line 54", "not UTF-8 text (byte 888)"),
    "local-datetime.toml": ("line 15", "created_at: Input should have timezone info"),
    "moment-after-year-9999.toml": ("line 59", "ref 2: history.at: this moment falls outside"),
    "moment-before-year-1.toml": ("line 15", "created_at: this moment falls outside the years 1"),
    "missing-format.toml": (".toml: ", "not a planterm snapshot (no format key)"),
    "missing-scheme.toml": ("line 11", "plan bad-input: scheme is missing"),
    "missing-status-symbol.toml": ("line 11", "symbol is missing"),
    "missing-text.toml": ("line 50", "ref 2: text is missing"),
    "newer-version.toml": ("line 2", "version 2, made by a newer planterm"),
    "not-toml.toml": ("line 1, column 6", "not valid TOML"),
    "nul-byte.toml": ("line 54, column 35", "Illegal character '\\x00'"),
    "other-format.toml": ("line 1", "not a planterm snapshot (format = 'taskwarrior-export')"),
    "status-not-in-scheme.toml": ("line 43", "ref 1: status 'amber' is not in the plan's scheme"),
    "truncated-header.toml": ("line 34", "(the file ends there)"),
    "truncated.toml": ("line 54", "Unterminated string (the file ends there)"),
    "unknown-agency.toml": ("line 55", "lead agency 'Ministry of Magic' is not among"),
    "unknown-key.toml": ("line 54", "ref 2: unknown key 'priority'"),
    "unknown-plan.toml": ("line 51", "plan 'other-plan' is not in this file"),
    "unknown-theme.toml": ("line 52", "theme 'Protection' is not a theme of plan bad-input"),
    "unknown-top-key.toml": ("line 3", "unknown key 'author'"),
    "utf16.toml": ("line 1", "not UTF-8 text (byte 1)"),
    "version-as-text.toml": ("line 2", "snapshot version '1' is not a version number"),
    "wrong-type-actions.toml": ("line 3", "actions: Input should be a valid list"),
    "wrong-type-due.toml": ("line 44", "ref 1: due: Input should be a valid date"),
    "wrong-type-leads.toml": ("line 55", "ref 2: leads: Input should be a valid list"),
    "wrong-type-ref.toml": ("line 53", "ref: Input should be a valid string"),
    # ------------------------------------------------- tables (.csv .tsv .txt)
    "bom-then-duplicate-ref.csv": ("line 4", "ref 1 appears twice (lines 2 and 4)"),
    "crlf-then-duplicate-ref.csv": ("line 4", "ref 2 appears twice (lines 3 and 4)"),
    "duplicate-ref.csv": ("line 4", "ref 1 appears twice (lines 2 and 4)"),
    "duplicate-ref.tsv": ("line 4", "ref 2 appears twice (lines 3 and 4)"),
    "duplicate-ref.txt": ("line 4", "ref 1 appears twice (lines 2 and 4)"),
    "empty.csv": (".csv: ", "found no header row naming the actions"),
    "header-only.csv": ("line 1", "a header but no rows of actions under it"),
    "impossible-date.csv": ("line 2", "ref 1: Timescale '2021-02-30' is not a day"),
    "invalid-utf8.csv": ("line 4", "not UTF-8 text (byte 282)"),
    "invalid-utf8.txt": ("line 4", "not UTF-8 text"),
    "no-action-text.csv": ("line 4", "ref 3: the action text is empty"),
    "no-header.csv": (".csv: ", "found no header row naming the actions"),
    "no-header.txt": (".txt: ", "found no header row naming the actions"),
    "nul-byte.csv": ("line 4", "holds a NUL byte"),
    "nul-byte.tsv": ("line 4", "holds a NUL byte"),
    "ref-too-long.csv": ("line 4", "the ref column holds 'This is a sentence"),
    "status-not-in-scheme.csv": ("line 4", "ref 3: status 'Purple' is not in the rag key"),
    "status-not-in-scheme.txt": ("line 4", "ref 3: status 'Maybe' is not in the rag key"),
    "stray-quote.csv": ("line 4", "cannot read this table (',' expected after '\"')"),
    "stray-quote.tsv": ("line 4", "cannot read this table (a tab expected after '\"')"),
    "truncated.csv": ("line 3", "cannot read this table (unexpected end of data)"),
    # --------------------------------------------------------- workbooks (.xlsx)
    "broken-style-link.xlsx": (".xlsx: ", "not a readable .xlsx workbook (KeyError)"),
    "damaged-sheet.xlsx": ("(sheet Action plan), row 3", "the sheet is damaged"),
    "duplicate-ref.xlsx": ("(sheet Action plan), row 4", "ref 1 appears twice (rows 2 and 4)"),
    "no-header.xlsx": ("(sheet Action plan): ", "found no header row naming the actions"),
    "not-a-zip.xlsx": (".xlsx: ", "not a readable .xlsx workbook (BadZipFile)"),
    "status-not-in-scheme.xlsx": ("row 4", "ref 3: status 'Purple' is not in the rag key"),
    "truncated.xlsx": (".xlsx: ", "not a readable .xlsx workbook (BadZipFile)"),
}


def bad_files() -> list[str]:
    return sorted(p.name for p in BAD.iterdir() if p.is_file() and p.name not in NOT_DATA)


def file_state(db: Path) -> dict[str, str | None]:
    """The database file and its -wal, each by its SHA-256 (None when absent)."""
    state: dict[str, str | None] = {}
    for suffix in ("", "-wal"):
        path = Path(f"{db}{suffix}")
        state[suffix] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    return state


def runs_for(name: str) -> list[tuple[str, ...]]:
    """Every command that reads the file, each of which must refuse it."""
    if name.endswith(".toml"):
        return [("import",), ("import", "--dry-run"), ("import", "--merge"), ("diff",)]
    return [("import", *TABLE_PLAN), ("import", *TABLE_PLAN, "--dry-run")]


def assert_one_line(result: Result, path: Path, where: str, what: str) -> str:
    assert result.code == 1, result
    assert "Traceback" not in result.err, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    line = lines[0]
    assert line.startswith(f"planterm: {path}"), line
    assert where in line, f"{where!r} not in {line!r}"
    assert what in line, f"{what!r} not in {line!r}"
    return line


def test_the_folder_holds_at_least_30_files_each_expected_and_described() -> None:
    names = bad_files()
    assert len(names) >= 30
    assert set(names) == set(EXPECTED), set(names) ^ set(EXPECTED)
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", readme, re.MULTILINE))
    fine = {f"fine/{p.name}" for p in (BAD / "fine").iterdir()}
    assert listed == set(names) | fine, listed ^ (set(names) | fine)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_file_gets_one_line_and_changes_nothing(
    planterm: Run, bundled_db: Path, name: str
) -> None:
    path = BAD / name
    where, what = EXPECTED[name]
    before = file_state(bundled_db)
    for command in runs_for(name):
        result = planterm(*command, str(path))
        assert_one_line(result, path, where, what)
        assert file_state(bundled_db) == before, command


def text_snapshot_with(text: str) -> str:
    good = (BAD / "fine" / "crlf.toml").read_bytes().decode().replace("\r\n", "\n")
    old = 'text = "Run a campaign on coercive control."'
    assert old in good
    return good.replace(old, f'text = "{text}"')


def test_a_10_mb_text_field_is_refused_in_a_snapshot_and_a_table(
    planterm: Run, bundled_db: Path, tmp_path: Path
) -> None:
    huge = "word " * 2_000_000
    snapshot = tmp_path / "huge.toml"
    snapshot.write_text(text_snapshot_with(huge), encoding="utf-8")
    table = (BAD / "fine" / "crlf.csv").read_bytes().decode()
    csv_path = tmp_path / "huge.csv"
    csv_path.write_text(table.replace("Recommission the IDVA service.", huge), encoding="utf-8")
    txt_path = tmp_path / "huge.txt"
    txt_path.write_text(
        table.replace("Recommission the IDVA service.", huge).replace(",", "\t"), encoding="utf-8"
    )
    before = file_state(bundled_db)
    for command in runs_for("huge.toml"):
        assert_one_line(
            planterm(*command, str(snapshot)),
            snapshot,
            "line 54",
            "ref 2: text: a text of 10,000,000 characters is longer than the 100,000 allowed",
        )
    for path in (csv_path, txt_path):
        for command in runs_for(path.name):
            assert_one_line(planterm(*command, str(path)), path, "line 4", "a cell is too long")
    assert file_state(bundled_db) == before


def test_a_text_at_the_limit_imports(planterm: Run, bundled_db: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "long.toml"
    snapshot.write_text(text_snapshot_with("x" * 100_000), encoding="utf-8")
    result = planterm("import", str(snapshot))
    assert result.code == 0, result


@pytest.mark.parametrize("name", sorted(p.name for p in (BAD / "fine").iterdir()))
def test_a_byte_order_mark_or_windows_line_ends_import_fine(
    planterm: Run, bundled_db: Path, name: str
) -> None:
    path = BAD / "fine" / name
    args = ("import", str(path)) if name.endswith(".toml") else ("import", *TABLE_PLAN, str(path))
    result = planterm(*args)
    assert result.code == 0, result
    assert result.out.startswith("imported bad-input: ")
    shown = planterm("show", "bad-input", "2", "--json")
    assert shown.code == 0, shown
    assert "\\r" not in shown.out and "\\ufeff" not in shown.out
    assert "Run a campaign on coercive control" in shown.out


def test_a_table_that_cannot_be_read_makes_no_database(planterm: Run, tmp_path: Path) -> None:
    db = tmp_path / "new" / "plans.db"
    db.parent.mkdir()
    path = BAD / "duplicate-ref.csv"
    assert_one_line(
        planterm("import", *TABLE_PLAN, str(path), db=db), path, "line 4", "appears twice"
    )
    assert list(db.parent.iterdir()) == []


REAL_PROCESS_CASES = [
    ("deep-nesting-arrays.toml", ("import",)),  # a RecursionError, in a real stack
    ("broken-style-link.xlsx", ("import", *TABLE_PLAN)),  # openpyxl's warning, on stderr
    ("damaged-sheet.xlsx", ("import", *TABLE_PLAN)),
    ("duplicate-ref.csv", ("import", *TABLE_PLAN)),  # read against the database, then refused
]


@pytest.mark.parametrize(
    ("name", "command"), REAL_PROCESS_CASES, ids=[c[0] for c in REAL_PROCESS_CASES]
)
def test_the_real_process_prints_only_the_one_line(
    bundled_db: Path, name: str, command: tuple[str, ...]
) -> None:
    path = BAD / name
    before = file_state(bundled_db)
    done = subprocess.run(
        [sys.executable, "-m", "planterm", "--db", str(bundled_db), *command, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 1, done
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"planterm: {path}"), done.stderr
    assert file_state(bundled_db) == before
