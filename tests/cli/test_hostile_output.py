"""The command line prints hostile user text as data: controls made visible, never obeyed.

One database holds the hostile plan of `tests.hostile`; every command that
prints user text runs over it, and no raw escape, C1 or bidi character may
reach standard output or standard error.
"""

from pathlib import Path

import pytest
import tomli_w

from tests import hostile
from tests.conftest import Result


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(tomli_w.dumps(hostile.snapshot()), encoding="utf-8")
    return path


def printed(result: Result) -> str:
    """Everything printed, once it is known to hold no raw control or bidi character
    (but CSV's own CRLF line ends)."""
    text = result.out + result.err
    assert not hostile.leaked(text.replace("\r\n", "\n")), text
    return text


def test_every_command_prints_hostile_text_visibly(
    planterm, hostile_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert printed(planterm("import", str(hostile_file))).count("imported hostile") == 1

    shown = [printed(planterm("show", hostile.PLAN, str(n))) for n in range(1, 11)]
    for number, name in enumerate(hostile.PIECES, start=1):
        assert f"{name}: {hostile.SHOWN[name]}" in shown[number - 1], name
        assert f"update {name}: {hostile.SHOWN[name]}" in shown[number - 1], name
    assert "Owner [bold]b[/bold]" in shown[0] and "Agency [bold]b[/bold]" in shown[0]

    listed = printed(planterm("list", "--plan", hostile.PLAN))
    assert "markup: [bold]b[/bold]" in listed and "osc52: \\x1b]52;c;" in listed
    printed(planterm("list", "--plan", hostile.PLAN, "--json"))
    found = printed(planterm("list", "--search", "pwned"))
    assert "title: \\x1b]0;pwned\\x07" in found
    summary = printed(planterm("summary", "--plan", hostile.PLAN))
    assert "Theme [bold]b[/bold]" in summary and "Green [bold]b[/bold]" in summary
    assert "Plan [bold]b[/bold]" in printed(planterm("plans"))
    for fmt in ("md", "csv"):
        report = printed(planterm("report", "--plan", hostile.PLAN, "--format", fmt))
        assert "x1b" in report and "52;c;SGVsbG8=" in report, fmt  # Markdown escapes \\ and ]

    rehearsal = printed(planterm("import", "--replace", "--dry-run", str(hostile_file)))
    assert "hostile" in rehearsal
    said = printed(planterm("set-status", hostile.PLAN, "2", "green", "--reason", hostile.SHORT))
    assert "hostile ref 2: red → green" in said
    printed(planterm("add-update", hostile.PLAN, "3", "--body", hostile.EVERYTHING))
    printed(planterm("export", "-o", str(tmp_path / "again.toml")))
    printed(planterm("diff", str(hostile_file), "--json"))
    moved = printed(planterm("diff", str(hostile_file)))
    assert "\\x1b]0;pwned\\x07" in moved and "[@click=app.quit]q[/]" in moved

    errors = [
        planterm("show", hostile.PLAN, hostile.TITLE),
        planterm("show", hostile.OSC52, "1"),
        planterm("set-status", hostile.PLAN, "1", hostile.CSI),
        planterm("list", "--agency", hostile.C1 + hostile.BIDI),
        planterm("add-update", hostile.PLAN, hostile.MARKUP, "--body", "x"),
    ]
    for result in errors:
        assert result.code == 1 and len(result.err.strip().splitlines()) == 1, result.err
        assert "\\x1b" in printed(result) or "\\x9b" in result.err or "[/]" in result.err
