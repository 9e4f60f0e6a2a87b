"""The README's round trip: a pasted Word table in, a board paper and a snapshot
out, a colleague's copy merged back, and what moved since.

Each command is the one the README shows, run as a coordinator would.
"""

import tomllib
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO, Result

Run = Callable[..., Result]
EXAMPLE = REPO / "docs" / "examples" / "vawg-action-plan.txt"


def test_the_readme_round_trip_from_a_word_table(planterm: Run, tmp_path: Path) -> None:
    ours = tmp_path / "ours.db"
    theirs = tmp_path / "theirs.db"
    sent = tmp_path / "vawg-2025.toml"
    back = tmp_path / "colleague-vawg-2025.toml"
    paper = tmp_path / "vawg-board.html"

    dry = planterm("import", str(EXAMPLE), "--plan", "vawg-2025", "--dry-run", db=ours)
    assert dry.code == 0, dry.err
    assert "3 themes, 5 actions, 4 updates, 4 with a status (1 untriaged)" in dry.out
    assert not ours.exists() or "vawg-2025" not in planterm("plans", db=ours).out

    result = planterm(
        "import", str(EXAMPLE), "--plan", "vawg-2025",
        "--issuing-body", "Nottingham Community Safety Partnership", db=ours,
    )  # fmt: skip
    assert result.out == "imported vawg-2025: 3 themes, 5 actions, 4 updates\n", result.err
    for args in (
        ("set-status", "vawg-2025", "4", "green", "--reason", "Clinic pilot agreed"),
        ("add-update", "vawg-2025", "4", "--body", "First clinic held in Mansfield."),
        ("report", "--plan", "vawg-2025", "-o", str(paper)),
        ("export", "--plan", "vawg-2025", "-o", str(sent)),
    ):
        assert planterm(*args, db=ours).code == 0, args
    html = paper.read_text()
    assert "Nottingham Community Safety Partnership" in html and "<svg" in html
    assert "First clinic held in Mansfield." in html

    assert planterm("import", str(sent), db=theirs).code == 0
    planterm("set-status", "vawg-2025", "2", "green", "--reason", "Launched", db=theirs)
    planterm("add-update", "vawg-2025", "3", "--body", "Tender issued.", db=theirs)
    assert planterm("export", "--plan", "vawg-2025", "-o", str(back), db=theirs).code == 0

    planterm("set-status", "vawg-2025", "3", "amber", "--reason", "Interim contracts", db=ours)
    merged = planterm("import", str(back), "--merge", db=ours)
    assert merged.code == 0, merged.err
    assert "Tender issued." in merged.out and "A Amber → G Green" in merged.out

    moved = planterm("diff", str(sent), db=ours)
    assert moved.code == 0, moved.err
    assert "2  A Amber → G Green" in moved.out
    assert "3  R Red → A Amber" in moved.out
    assert "Tender issued." in moved.out

    final = tomllib.loads(planterm("export", "--plan", "vawg-2025", db=ours).out)
    by_ref = {a["ref"]: a for a in final["actions"]}
    assert (by_ref["2"]["status"], by_ref["3"]["status"], by_ref["4"]["status"]) == (
        "green", "amber", "green"
    )  # fmt: skip
    assert "Tender issued." in [u["body"] for u in by_ref["3"]["updates"]]
