"""Completing a snapshot path in the meeting view's "Changes since…" question."""

from pathlib import Path

import pytest

from planterm.ui.widgets.path_suggester import complete_toml_path
from tests.ui.conftest import export_home


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    home = export_home(monkeypatch, tmp_path)
    for name in ("planterm-pcc-2021-01-14.toml", "planterm-pcc-2021-04-15.toml", "notes.txt",
                 ".hidden.toml"):  # fmt: skip
        (home / name).touch()
    (home / "snapshots").mkdir()
    return home


@pytest.mark.parametrize(
    ("typed", "completed"),
    [
        ("~/planterm-pcc", "~/planterm-pcc-2021-04-15.toml"),  # the newest export first
        ("~/", "~/planterm-pcc-2021-04-15.toml"),  # a snapshot before a folder
        ("~/sn", "~/snapshots/"),
        ("~/no", None),  # not a .toml file
        ("~/.h", "~/.hidden.toml"),  # hidden only once a dot is typed
        ("~/planterm-pcc-2021-04-15.toml", None),  # complete already
        ("~/missing/x", None),
        ("", None),
    ],
)
def test_a_typed_path_completes_to_a_snapshot_or_a_folder(
    home: Path, typed: str, completed: str | None
) -> None:
    assert complete_toml_path(typed) == completed


def test_an_absolute_path_completes_as_typed(home: Path) -> None:
    assert (
        complete_toml_path(f"{home}/planterm-pcc-2021-01") == f"{home}/planterm-pcc-2021-01-14.toml"
    )
