"""The command line loads a heavy library only when a command needs it.

Loading the command line must not import Textual, SQLAlchemy, pydantic or
openpyxl: each costs a visible fraction of a second on every run. Checked in a
fresh process, by what it has loaded, never by a clock.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only  # the quick read path reads a SQLite file with sqlite3 alone

HEAVY = ("textual", "sqlalchemy", "sqlmodel", "pydantic", "openpyxl", "tomli_w", "textual_serve",
         "aiohttp")  # fmt: skip


def test_loading_the_command_line_imports_no_heavy_library() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c",
         "import sys, planterm.cli.commands; print(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert [name for name in HEAVY if name in loaded] == []


READS = (["list", "--overdue", "--json"], ["list", "--search", "stalking", "--json"],
         ["summary", "--json"], ["plans", "--json"],
         ["show", "pcc-da-2020", "3", "--json"])  # fmt: skip


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_a_read_of_a_current_file_imports_no_database_library(
    bundled_db: Path, command: list[str]
) -> None:
    """list, show, summary and plans read a current SQLite file with sqlite3 alone."""
    script = (
        "import json, sys\n"
        "from planterm.cli import main\n"
        "try:\n"
        f"    main(['--db', sys.argv[1], '--today', '2021-04-15', *{command!r}])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(bundled_db)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout)
    loaded = done.stderr.split()
    assert [name for name in (*HEAVY, "alembic") if name in loaded] == []


@pytest.mark.parametrize("plans", [[], ["--plan", "pcc-da-2020"]], ids=["all", "one plan"])
def test_an_export_of_a_current_file_imports_no_database_library_nor_pydantic(
    bundled_db: Path, tmp_path: Path, plans: list[str]
) -> None:
    """export reads a current SQLite file with sqlite3 and writes its records with tomli_w."""
    target = tmp_path / "out.toml"
    script = (
        "import sys\n"
        "from planterm.cli import main\n"
        "try:\n"
        f"    main(['--db', sys.argv[1], '--today', '2021-04-15', 'export', *{plans!r},"
        " '-o', sys.argv[2]])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(bundled_db), str(target)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert target.read_text(encoding="utf-8").startswith('format = "planterm-snapshot"')
    loaded = done.stdout.split()
    heavy = [name for name in HEAVY if name != "tomli_w"]
    assert [name for name in (*heavy, "alembic") if name in loaded] == []


def test_an_export_of_a_current_file_keeps_the_export_checks(
    bundled_db: Path, tmp_path: Path, planterm
) -> None:  # type: ignore[no-untyped-def]
    """The quick path still refuses the database itself and names an unknown plan."""
    over = planterm("export", "-o", str(bundled_db), db=bundled_db)
    assert over.code == 1 and "that is the database itself" in over.err
    unknown = planterm("export", "--plan", "pcc-da-202", "-o", str(tmp_path / "x.toml"))
    assert unknown.code == 1 and "did you mean 'pcc-da-2020'?" in unknown.err
    assert not (tmp_path / "x.toml").exists()
    done = planterm("export", "--plan", "PCC-DA-2020", "-o", str(tmp_path / "one.toml"))
    assert done.code == 0 and 'key = "pcc-da-2020"' in (tmp_path / "one.toml").read_text()
