"""The command line loads a heavy library only when a command needs it.

Loading the command line must not import Textual, SQLAlchemy, pydantic or
openpyxl: each costs a visible fraction of a second on every run. Checked in a
fresh process, by what it has loaded, never by a clock.
"""

import subprocess
import sys

HEAVY = ("textual", "sqlalchemy", "sqlmodel", "pydantic", "openpyxl", "tomli_w")


def test_loading_the_command_line_imports_no_heavy_library() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c",
         "import sys, planterm.cli.commands; print(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert [name for name in HEAVY if name in loaded] == []
