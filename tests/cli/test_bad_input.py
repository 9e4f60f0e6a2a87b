"""Bad input gets one clear line, exit code 1, and leaves the database alone.

Every case here checks the whole promise: exactly one line on standard error,
starting "planterm: ", naming what is wrong and where (file, line and column,
plan and ref) and what to do; exit code 1; nothing on standard output; no
traceback; and the database exactly as it was (compared by its export).

Mutated snapshots are written to tmp_path from data/pcc-da-2020.toml with the
plan key renamed, so that without the check under test the file would import
cleanly and the database would change.
"""

import json
import os
import re
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from planterm.services.transfer import export_text
from planterm.storage.store import Store
from tests.conftest import DATA, NOW, REPO, Result, one_line, url_of

SOURCE = (DATA / "pcc-da-2020.toml").read_text(encoding="utf-8")
COPY_KEY = "pcc-copy"
COPY = SOURCE.replace('"pcc-da-2020"', f'"{COPY_KEY}"')
PLANTERM_EXE = REPO / ".venv" / "bin" / "planterm"
DOCS_HINT = "see docs/snapshot-format.md"

Run = Callable[..., Result]


# ------------------------------------------------------------------ helpers


def db_state(db: Path) -> str:
    """Everything the database holds, as a snapshot with a fixed time stamp."""
    store = Store(url_of(db))
    try:
        return export_text(store, now=NOW)
    finally:
        store.dispose()


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def insert_after(text: str, anchor: str, new: str) -> tuple[str, int]:
    """`text` with the line `new` put after the first line equal to `anchor`.

    Returns the new text and the (1-based) line number of the inserted line.
    """
    lines = lines_of(text)
    index = lines.index(anchor)
    lines.insert(index + 1, new)
    return "\n".join(lines), index + 2


def line_number(text: str, line: str, *, after: str | None = None) -> int:
    """The 1-based number of the first line equal to `line` (after the line `after`)."""
    lines = lines_of(text)
    start = lines.index(after) if after is not None else 0
    return lines.index(line, start) + 1


def action_header_of(text: str, ref: str) -> int:
    """The line of the [[actions]] header of the action with this ref."""
    lines = lines_of(text)
    index = lines.index(f'ref = "{ref}"')
    while lines[index] != "[[actions]]":
        index -= 1
    return index + 1


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def located(line: str, path: Path) -> int:
    """The line number the error gives for `path`."""
    found = re.search(rf"{re.escape(str(path))}, line (\d+)", line)
    assert found, f"no line of {path} in {line!r}"
    return int(found[1])


@pytest.fixture
def before(bundled_db: Path) -> str:
    """The bundled database's state before the test acts."""
    return db_state(bundled_db)


# --------------------------------------------------- a baseline that works


def test_the_unmutated_copy_imports_so_each_mutation_is_what_fails(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    path = write(tmp_path, "copy.toml", COPY)
    result = planterm("import", str(path))
    assert result.code == 0, result
    assert f"imported {COPY_KEY}: 23 actions, 23 updates" in result.out
    assert db_state(bundled_db) != before
    assert f'key = "{COPY_KEY}"' in db_state(bundled_db)


# ------------------------------------------------------ files that are not TOML


@pytest.mark.parametrize(
    ("broken", "column"),
    [
        ('text = = "two equals"', 8),
        ("due = 2021-02-30", 7),
        ('text = "never closed', 21),  # the line ends inside the string
    ],
)
def test_malformed_toml_names_the_file_line_and_column(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path, broken: str, column: int
) -> None:
    text, number = insert_after(COPY, 'ref = "5"', broken)
    path = write(tmp_path, "broken.toml", text)
    line = one_line(
        planterm("import", str(path)),
        "not valid TOML",
        f"{path}, line {number}, column {column}:",
        "fix the file, or export the snapshot again",
    )
    assert located(line, path) == number
    assert db_state(bundled_db) == before


def test_a_toml_file_without_format_is_not_a_snapshot(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    # a complete plan, but no header: it must not be guessed at
    text = COPY.replace('format = "planterm-snapshot"\nversion = 1\n', "", 1)
    assert "format" not in text.split("[[agencies]]")[0]
    path = write(tmp_path, "noformat.toml", text)
    one_line(
        planterm("import", str(path)),
        f"{path}: not a planterm snapshot (no format key)",
        'format = "planterm-snapshot"',
        "planterm export",
    )
    assert db_state(bundled_db) == before


def test_a_toml_file_with_another_format_is_not_a_snapshot(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    text = COPY.replace('format = "planterm-snapshot"', 'format = "other-tool"', 1)
    path = write(tmp_path, "other.toml", text)
    one_line(
        planterm("import", str(path)),
        f"{path}, line 1: not a planterm snapshot (format = 'other-tool')",
        'format = "planterm-snapshot"',
    )
    assert db_state(bundled_db) == before


def test_a_csv_file_without_a_plan_key_is_refused(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    path = write(tmp_path, "actions.csv", "plan,ref,text\npcc-copy,1,Do it\n")
    one_line(planterm("import", str(path)), "a table needs --plan KEY")
    assert db_state(bundled_db) == before


@pytest.mark.parametrize(
    ("content", "byte"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1),
        (b'format = "planterm-snapshot"\nversion = 1\n# caf\xe9\n', 47),
    ],
    ids=["png", "latin-1"],
)
def test_a_binary_file_is_refused_as_not_utf8(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path, content: bytes, byte: int
) -> None:
    path = write(tmp_path, "picture.bin", content)
    expected_line = content[: byte - 1].count(b"\n") + 1
    one_line(
        planterm("import", str(path)),
        f"{path}, line {expected_line}: not UTF-8 text (byte {byte})",
        "save the file as UTF-8",
    )
    assert db_state(bundled_db) == before


@pytest.mark.sqlite_only  # a SQLite file given as a snapshot
def test_a_database_file_given_to_import_is_refused(
    planterm: Run, bundled_db: Path, before: str
) -> None:
    one_line(planterm("import", str(bundled_db)), f"{bundled_db}, line 1: not UTF-8 text")
    assert db_state(bundled_db) == before


def test_a_newer_snapshot_version_is_refused(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    text = COPY.replace("version = 1\n", "version = 2\n", 1)
    path = write(tmp_path, "v2.toml", text)
    one_line(
        planterm("import", str(path)),
        f"{path}, line 2: this snapshot is version 2, made by a newer planterm",
        "upgrade planterm",
    )
    assert db_state(bundled_db) == before


# ------------------------------------------------ records that do not fit


def test_an_unknown_key_in_an_action_gives_that_key_s_line(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    text, number = insert_after(COPY, 'ref = "3"', 'colour = "red"')
    path = write(tmp_path, "unknown.toml", text)
    line = one_line(
        planterm("import", str(path)),
        f"{path}, line {number}: action {COPY_KEY} ref 3: unknown key 'colour'",
        DOCS_HINT,
    )
    assert located(line, path) == number
    assert db_state(bundled_db) == before


def test_an_unknown_key_in_an_update_gives_that_key_s_line(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    lines = lines_of(COPY)
    start = lines.index('ref = "7"')
    body = next(i for i in range(start, len(lines)) if lines[i].startswith("body = "))
    lines.insert(body, "mood = 3")
    path = write(tmp_path, "update.toml", "\n".join(lines))
    line = one_line(
        planterm("import", str(path)),
        f"action {COPY_KEY} ref 7: unknown key 'mood'",
    )
    assert located(line, path) == body + 1
    assert db_state(bundled_db) == before


def test_a_missing_required_field_names_the_action(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    lines = lines_of(COPY)
    index = lines.index('ref = "4"') + 1
    assert lines[index].startswith("text = ")
    del lines[index]
    text = "\n".join(lines)
    path = write(tmp_path, "missing.toml", text)
    line = one_line(
        planterm("import", str(path)),
        f"action {COPY_KEY} ref 4: text is missing",
        DOCS_HINT,
    )
    assert located(line, path) == action_header_of(text, "4")
    assert db_state(bundled_db) == before


@pytest.mark.parametrize(
    ("key_line", "problem"),
    [
        ('due = "soon"', "due: Input should be a valid date"),
        ("leads = 3", "leads: Input should be a valid list"),
        ("owner = 42", "owner: Input should be a valid string"),
        ("created_at = 2021-01-01T09:00:00", "created_at: Input should have timezone info"),
    ],
    ids=["due-soon", "leads-number", "owner-number", "naive-time"],
)
def test_a_wrong_type_names_the_field_the_action_and_the_line(
    planterm: Run,
    bundled_db: Path,
    before: str,
    tmp_path: Path,
    key_line: str,
    problem: str,
) -> None:
    text = COPY
    if key_line.startswith("leads"):
        # replace the real leads list so the key appears once
        lines = lines_of(text)
        index = lines.index('ref = "5"')
        first = lines.index("leads = [", index)
        last = lines.index("]", first)
        del lines[first : last + 1]
        text = "\n".join(lines)
    text, number = insert_after(text, 'ref = "5"', key_line)
    path = write(tmp_path, "types.toml", text)
    line = one_line(
        planterm("import", str(path)),
        f"{path}, line {number}: action {COPY_KEY} ref 5: {problem}",
        DOCS_HINT,
    )
    assert located(line, path) == number
    assert db_state(bundled_db) == before


def test_a_status_outside_the_plan_s_scheme_lists_the_valid_keys(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    text, number = insert_after(COPY, 'ref = "6"', 'status = "finished"')
    path = write(tmp_path, "status.toml", text)
    line = one_line(
        planterm("import", str(path)),
        f"{path}, line {number}: action {COPY_KEY} ref 6: status 'finished'",
        "not in the plan's scheme",
        "use one of complete, on-track, not-started, sequential",
    )
    assert located(line, path) == number
    assert db_state(bundled_db) == before


def test_a_history_status_outside_the_scheme_is_refused(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    text = COPY + (
        "\n[[actions.history]]\nat = 2021-03-31 09:00:00+00:00\n"
        'from = "done-ish"\nto = "complete"\nby = "kd"\n'
    )
    path = write(tmp_path, "history.toml", text)
    number = line_number(text, 'from = "done-ish"')
    one_line(
        planterm("import", str(path)),
        f"action {COPY_KEY} ref 23: history from 'done-ish' is not in the plan's scheme",
        f"{path}, line {number}",
        "use one of complete, on-track, not-started, sequential",
    )
    assert db_state(bundled_db) == before


def test_a_duplicate_ref_in_a_plan_is_refused(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    lines = lines_of(COPY)
    index = lines.index('ref = "7"')
    lines[index] = 'ref = "6"'
    path = write(tmp_path, "dup.toml", "\n".join(lines))
    line = one_line(
        planterm("import", str(path)),
        f"action {COPY_KEY} ref 6: ref 6 appears twice in plan {COPY_KEY}",
        "give each action of a plan its own ref",
    )
    assert located(line, path) == index + 1
    assert db_state(bundled_db) == before


def test_a_lead_agency_not_in_the_file_is_refused(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    lines = lines_of(COPY)
    start = lines.index('ref = "9"')
    lead = lines.index('    "Nottinghamshire Police",', start)
    lines[lead] = '    "Scotland Yard",'
    path = write(tmp_path, "lead.toml", "\n".join(lines))
    line = one_line(
        planterm("import", str(path)),
        f"action {COPY_KEY} ref 9: lead agency 'Scotland Yard' is not among the file's agencies",
        "add it to [[agencies]] or fix the name",
    )
    assert located(line, path) == lines.index("leads = [", start) + 1
    assert db_state(bundled_db) == before


def test_an_action_of_a_plan_not_in_the_file_is_refused(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    lines = lines_of(COPY)
    start = lines.index('ref = "2"')
    plan_line = start - 2
    assert lines[plan_line] == f'plan = "{COPY_KEY}"'
    lines[plan_line] = 'plan = "pcc-cpoy"'
    path = write(tmp_path, "plan.toml", "\n".join(lines))
    line = one_line(
        planterm("import", str(path)),
        "action pcc-cpoy ref 2: plan 'pcc-cpoy' is not in this file",
    )
    assert located(line, path) == plan_line + 1
    assert db_state(bundled_db) == before


# ------------------------------------------------------------ all or nothing


def test_two_files_where_the_second_is_bad_import_neither(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    good = write(tmp_path, "good.toml", COPY)
    text, number = insert_after(
        COPY.replace(f'"{COPY_KEY}"', '"pcc-other"'), 'ref = "3"', 'colour = "red"'
    )
    bad = write(tmp_path, "bad.toml", text)
    one_line(
        planterm("import", str(good), str(bad)),
        f"{bad}, line {number}: action pcc-other ref 3: unknown key 'colour'",
    )
    assert db_state(bundled_db) == before
    assert COPY_KEY not in db_state(bundled_db)


def test_two_files_where_the_second_conflicts_with_the_database_import_neither(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    good = write(tmp_path, "good.toml", COPY)
    taken = write(tmp_path, "taken.toml", SOURCE)
    one_line(
        planterm("import", str(good), str(taken)),
        f"{taken}: plan pcc-da-2020 is already in the database",
        "--replace",
    )
    assert db_state(bundled_db) == before


def test_a_failure_while_writing_rolls_back_the_first_file(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    # the first file brings a new agency and plan; the second file's agency
    # clashes with the database only when merged, inside the write
    first_text = COPY.replace(
        '[[agencies]]\nname = "Probation"\n',
        '[[agencies]]\nname = "Probation"\n\n[[agencies]]\nname = "New Agency X"\n',
        1,
    )
    assert "New Agency X" in first_text
    first = write(tmp_path, "first.toml", first_text)
    second = write(
        tmp_path,
        "second.toml",
        'format = "planterm-snapshot"\nversion = 1\n\n'
        '[[agencies]]\nname = "Someone"\naliases = ["PCC"]\n',
    )
    one_line(
        planterm("import", str(first), str(second)),
        f"{second}: agency Someone: alias 'PCC' already names PCC",
        "remove the alias from one of them",
    )
    after = db_state(bundled_db)
    assert after == before
    assert "New Agency X" not in after


def test_the_same_plan_in_two_files_is_refused(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path
) -> None:
    one = write(tmp_path, "one.toml", COPY)
    two = write(tmp_path, "two.toml", COPY)
    one_line(
        planterm("import", str(one), str(two)),
        f"plan {COPY_KEY} is in two of the files ({one} and {two})",
        "import one of them",
    )
    assert db_state(bundled_db) == before


def test_an_existing_plan_is_refused_without_replace_and_replaced_with_it(
    planterm: Run, bundled_db: Path, tmp_path: Path
) -> None:
    assert planterm("set-status", "pcc-da-2020", "1", "complete").code == 0
    changed = db_state(bundled_db)
    path = write(tmp_path, "pcc.toml", SOURCE)

    one_line(
        planterm("import", str(path)),
        f"{path}: plan pcc-da-2020 is already in the database",
        "add --replace to overwrite it",
    )
    assert db_state(bundled_db) == changed, "refused means the status change is kept"

    result = planterm("import", "--replace", str(path))
    assert result.code == 0, result
    assert "replaced pcc-da-2020: 23 actions, 23 updates" in result.out
    assert db_state(bundled_db) != changed
    shown = json.loads(planterm("show", "pcc-da-2020", "1", "--json").out)
    assert shown["status"] is None and shown["history"] == []


# ---------------------------------------------- names typed on the command line


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("show", "pcc-da-202", "1"), ("no plan 'pcc-da-202'", "did you mean 'pcc-da-2020'?")),
        (("show", "PCC-DA-2021", "1"), ("no plan 'PCC-DA-2021'", "did you mean 'pcc-da-2020'?")),
        (
            ("set-status", "pcc-da-202", "1", "complete"),
            ("no plan 'pcc-da-202'", "did you mean 'pcc-da-2020'?"),
        ),
        (("show", "pcc-da-2020", "1x"), ("plan pcc-da-2020 has no ref '1x'", "did you mean '1'?")),
        (
            ("add-update", "pcc-da-2020", "99", "--body", "x"),
            ("plan pcc-da-2020 has no ref '99'", "did you mean '9'?"),
        ),
        (
            ("set-status", "pcc-da-2020", "1", "finished"),
            (
                "status 'finished' is not in the scheme of plan pcc-da-2020",
                "use one of complete, on-track, not-started, sequential, or untriaged",
            ),
        ),
        (("summary", "--plan", "pcc-da-202"), ("no plan 'pcc-da-202'", "did you mean")),
        (("export", "--plan", "pcc-da-202"), ("no plan 'pcc-da-202'", "did you mean")),
        (("list", "--agency", "Scotland Yard"), ("no agency 'Scotland Yard'",)),
    ],
    ids=[
        "show-plan",
        "show-plan-case",
        "set-status-plan",
        "show-ref",
        "add-update-ref",
        "set-status-status",
        "summary-plan",
        "export-plan",
        "list-agency",
    ],
)
def test_unknown_names_suggest_the_nearest(
    planterm: Run, bundled_db: Path, before: str, args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    one_line(planterm(*args), *needles)
    assert db_state(bundled_db) == before


def test_an_unknown_ref_far_from_all_lists_the_plan_s_refs_in_order(
    planterm: Run, bundled_db: Path
) -> None:
    one_line(
        planterm("show", "pcc-da-2020", "zzz"),
        "plan pcc-da-2020 has no ref 'zzz'; known refs: 1, 2, 3, 4, 5, 6, 7, 8, ...",
    )


# --------------------------------------------------------- the database file


def test_db_pointing_at_a_text_file_is_refused_and_the_file_kept(
    planterm: Run, tmp_path: Path
) -> None:
    notes = write(tmp_path, "notes.txt", "my notes, not a database\n" * 10)
    listing = sorted(p.name for p in tmp_path.iterdir())
    for args in (("plans",), ("set-status", "pcc-da-2020", "1", "complete")):
        one_line(
            planterm(*args, db=notes),
            f"{notes}: this file is not a planterm database",
            "give another file with --db",
        )
    assert notes.read_text() == "my notes, not a database\n" * 10
    assert sorted(p.name for p in tmp_path.iterdir()) == listing, "no -wal or -shm left"


def test_db_pointing_at_a_folder_is_refused(planterm: Run, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    one_line(planterm("plans", db=folder), f"{folder}: this is a folder, not a database file")
    assert list(folder.iterdir()) == []


@pytest.mark.sqlite_only  # the SQLite file's permissions
def test_a_read_only_database_file_is_refused_on_write(
    planterm: Run, bundled_db: Path, before: str
) -> None:
    bundled_db.chmod(0o444)
    try:
        if os.access(bundled_db, os.W_OK):
            pytest.skip(
                "running as root: file permissions do not stop writes here "
                "(see the mode=ro test below for the same error path)"
            )
        stamp = bundled_db.stat().st_mtime_ns
        one_line(
            planterm("set-status", "pcc-da-2020", "1", "complete"),
            f"{bundled_db}: the database file is read-only",
            "check its permissions",
        )
        assert bundled_db.stat().st_mtime_ns == stamp
        assert db_state(bundled_db) == before
    finally:
        bundled_db.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.sqlite_only  # SQLite's mode=ro
def test_a_database_opened_read_only_by_sqlite_is_refused_on_write(
    planterm: Run, bundled_db: Path, before: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite itself refuses the write, as for a read-only file, even for root
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    url = f"sqlite:///file:{bundled_db}?mode=ro&uri=true"
    one_line(
        planterm("set-status", "pcc-da-2020", "1", "complete", db=url),
        "the database file is read-only",
        "check its permissions, or copy it somewhere you can write",
    )
    assert db_state(bundled_db) == before


def test_a_sqlite_uri_leaves_no_stray_file_in_the_current_folder(
    planterm: Run, bundled_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    url = f"sqlite:///file:{bundled_db}?mode=ro&uri=true"
    planterm("set-status", "pcc-da-2020", "1", "complete", db=url)
    assert list(work.iterdir()) == []


def test_read_only_mode_refuses_changes(planterm: Run, bundled_db: Path, before: str) -> None:
    one_line(
        planterm("--read-only", "set-status", "pcc-da-2020", "1", "complete"),
        f"{bundled_db}: the database is open read-only",
        "run without --read-only",
    )
    assert db_state(bundled_db) == before


@pytest.mark.parametrize("url", ["foo://bar", "nosuchdriver+x://bar"])
def test_a_db_url_with_an_unknown_driver_gets_one_line(planterm: Run, url: str) -> None:
    one_line(planterm("plans", db=url), "cannot use this database URL")


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (
            "postgresql+psycopg://planterm@nohost.invalid/plans",
            "cannot connect to the database server",
        ),
        (
            "postgresql+psycopg://planterm@127.0.0.1:1/plans",
            "cannot connect to the database server",
        ),
    ],
)
def test_a_database_server_out_of_reach_gets_one_line(planterm: Run, url: str, said: str) -> None:
    one_line(planterm("plans", db=url), said, "check the host and port")


def test_a_missing_database_on_the_server_gets_one_line(planterm: Run, pg_cluster) -> None:  # type: ignore[no-untyped-def]
    url = pg_cluster.url("no_such_database")
    one_line(planterm("plans", db=url), "no such database or role", "createdb")


# ------------------------------------------------------------ options and dates


@pytest.mark.parametrize("value", ["2021-13-01", "15/04/2021", "tomorrow", "2021-02-30"])
def test_a_bad_today_is_refused(planterm: Run, bundled_db: Path, before: str, value: str) -> None:
    one_line(
        planterm("--today", value, "set-status", "pcc-da-2020", "1", "complete", today=None),
        f"--today: {value!r} is not a date",
        "write it as YYYY-MM-DD",
    )
    assert db_state(bundled_db) == before


def test_a_bad_today_in_the_environment_names_the_variable(
    planterm: Run, bundled_db: Path, before: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTERM_TODAY", "soon")
    one_line(
        planterm("plans", today=None),
        "PLANTERM_TODAY: 'soon' is not a date",
        "YYYY-MM-DD",
    )


def test_a_bad_update_date_is_refused(planterm: Run, bundled_db: Path, before: str) -> None:
    one_line(
        planterm("add-update", "pcc-da-2020", "1", "--body", "x", "--date", "2021-02-30"),
        "--date: '2021-02-30' is not a date",
    )
    assert db_state(bundled_db) == before


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("--frobnicate", "plans"), ("No such option '--frobnicate'", "see planterm --help")),
        (("plans", "--frob"), ("No such option '--frob'", "see planterm plans --help")),
        (("frobnicate",), ("No such command 'frobnicate'", "see planterm --help")),
        (("show", "pcc-da-2020"), ("Missing argument 'REF'", "see planterm show --help")),
        (("add-update", "pcc-da-2020", "1"), ("Missing option '--body'",)),
    ],
    ids=["global-option", "command-option", "command", "missing-argument", "missing-option"],
)
def test_bad_usage_gets_one_line(
    planterm: Run, bundled_db: Path, before: str, args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    one_line(planterm(*args), *needles)
    assert db_state(bundled_db) == before


# ------------------------------------------------------ user text in a terminal


BODY = "before \x1b]52;c;SGVsbG8=\x07 middle \x1b[2J after"


def test_escape_sequences_in_an_update_are_shown_visibly_and_stored_exactly(
    planterm: Run, bundled_db: Path
) -> None:
    added = planterm("add-update", "pcc-da-2020", "1", "--body", BODY)
    assert added.code == 0, added

    shown = planterm("show", "pcc-da-2020", "1")
    assert shown.code == 0, shown
    assert "\x1b" not in shown.out and "\x07" not in shown.out
    assert "before \\x1b]52;c;SGVsbG8=\\x07 middle \\x1b[2J after" in shown.out

    as_json = planterm("show", "pcc-da-2020", "1", "--json")
    assert as_json.code == 0, as_json
    assert "\x1b" not in as_json.out and "\x07" not in as_json.out
    assert "\\u001b]52;c;SGVsbG8=\\u0007" in as_json.out
    bodies = [u["body"] for u in json.loads(as_json.out)["updates"]]
    assert BODY in bodies, "the text is stored exactly as given"


def test_escape_sequences_in_a_name_are_visible_in_the_error_line(
    planterm: Run, bundled_db: Path
) -> None:
    line = one_line(
        planterm("show", "pcc-da-2020", "\x1b[2J"),
        "plan pcc-da-2020 has no ref '\\x1b[2J'",
    )
    assert "\x1b" not in line
    line = one_line(planterm("show", "\x1b]52;c;SGVsbG8=\x07", "1"), "no plan")
    assert "\x1b" not in line and "\x07" not in line
    assert "\\x1b]52;c;SGVsbG8=\\x07" in line


# --------------------------------------------------------- the real process


@pytest.mark.sqlite_only  # the SQLite file's bytes
def test_the_real_process_prints_one_line_and_exits_1(bundled_db: Path) -> None:
    before = bundled_db.read_bytes()
    done = subprocess.run(
        [str(PLANTERM_EXE), "--db", str(bundled_db), "show", "nope", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("planterm: no plan 'nope'")
    assert "known plans" in lines[0] or "did you mean" in lines[0]
    assert bundled_db.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_new_database_another_program_holds_locked_is_one_line(  # type: ignore[no-untyped-def]
    planterm, tmp_path: Path
) -> None:
    """Making its tables waits for the lock as long as any write does, then says so."""
    import sqlite3

    db = tmp_path / "held.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # readers pass: planterm finds it empty, then waits to write
    try:
        result = planterm("import", str(DATA / "pcc-da-2020.toml"), db=db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    one_line(result, f"{db}: the database is busy with another planterm")
