import json
import os
import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import CLOCK, DATA, REPO, url_of

COMMANDS = ["plans", "list", "summary", "show", "set-status", "add-update", "export", "import"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(planterm, command: str) -> None:  # type: ignore[no-untyped-def]
    result = planterm(command, "--help")
    assert result.code == 0
    assert f"Usage: planterm {command}" in result.out


def test_the_overdue_list_of_the_2020_plan(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = planterm("list", "--plan", "pcc-da-2020", "--overdue")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["PLAN", "REF", "STATUS"]
    assert len(lines) == 2 and lines[1].split()[:2] == ["pcc-da-2020", "1"]
    assert "? Untriaged" in lines[1] and "2021-03-31" in lines[1]


def test_list_json_has_the_documented_fields(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(planterm("list", "--plan", "pcd-2019-20-t2", "--json").out)
    assert len(rows) == 15
    first = rows[0]
    for key in ("plan", "theme", "ref", "text", "leads", "owner", "status", "due",
                "start_after", "last_update", "update_count", "flags"):  # fmt: skip
        assert key in first
    assert first["status"] == "green" and first["owner"] == "NW/CG" and first["leads"] == []
    assert first["last_update"] == "2020-01-31" and first["update_count"] == 2
    assert first["flags"] == []
    untriaged = json.loads(planterm("list", "--plan", "pcc-da-2020", "--json").out)[0]
    assert untriaged["status"] is None and untriaged["flags"] == ["overdue", "stale", "untriaged"]


def test_show_json_has_updates_and_history(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert planterm("set-status", "pcc-da-2020", "2", "on-track", "--reason", "ongoing").code == 0
    data = json.loads(planterm("show", "pcc-da-2020", "2", "--json").out)
    assert data["status"] == "on-track"
    assert data["updates"][0].keys() == {"date", "period", "author", "body"}
    assert data["updates"][0]["period"] == "January - March 2021"
    (change,) = data["history"]
    assert change["from"] is None and change["to"] == "on-track"
    assert change["by"] == "tester" and change["reason"] == "ongoing"


def test_show_text_gives_the_action_in_full(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    out = planterm("show", "pcd-2019-20-t2", "5").out
    assert "Owner:       Force" in out
    assert "Updates (3), newest first:" in out
    assert out.index("· Force") < out.index("· NW") < out.index("· CG")


def test_summary_writes_shares_as_the_delivery_plan_does(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    out = planterm("summary", "--plan", "pcd-2019-20-t2").out
    assert "15/15 (100%)" in out and "G Green" in out
    planterm("set-status", "pcd-2019-20-t2", "3", "amber")
    data = json.loads(planterm("summary", "--plan", "pcd-2019-20-t2", "--json").out)[0]
    assert data["counts"]["green"]["share"] == "14/15 (93%)"
    assert data["counts"]["amber"] == {"count": 1, "percent": 7, "share": "1/15 (7%)"}
    assert data["themes"][0]["theme"] == "Helping and Supporting Victims"


def test_plans_lists_keys_titles_and_counts(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(planterm("plans", "--json").out)
    assert [p["key"] for p in data] == [
        "da-jsna", "dsv-strategy-2015", "pcc-da-2020", "pcd-2019-20-t2", "sfh-review-2014",
    ]  # fmt: skip
    assert data[3]["counts"] == {"green": 15, "amber": 0, "red": 0, "white": 0, "untriaged": 0}
    assert "G Green 15" in planterm("plans").out


def test_add_update_defaults_and_options(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = planterm("add-update", "pcc-da-2020", "3", "--body", "Strategy drafted.")
    assert result.code == 0 and "Q1 2021-22" in result.out
    planterm("add-update", "pcc-da-2020", "3", "--body", "Signed off.", "--date", "2021-04-20",
             "--period", "April - June 2021", "--author", "KD")  # fmt: skip
    data = json.loads(planterm("show", "pcc-da-2020", "3", "--json").out)
    assert data["updates"][0] == {
        "date": "2021-04-20", "period": "April - June 2021", "author": "KD", "body": "Signed off.",
    }  # fmt: skip
    assert data["updates"][1]["author"] == "tester"
    assert "stale" not in data["flags"]


def test_export_to_a_file_and_import_it_elsewhere(
    planterm, bundled_db: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "snap.toml"
    result = planterm("export", "--plan", "pcc-da-2020", "--plan", "da-jsna", "-o", str(out))
    assert result.code == 0 and str(out) in result.err and result.out == ""
    assert out.stat().st_mode & 0o777 == 0o600
    data = tomllib.loads(out.read_text())
    assert data["format"] == "planterm-snapshot" and data["version"] == 1
    assert [p["key"] for p in data["plans"]] == ["da-jsna", "pcc-da-2020"]
    other = tmp_path / "other.db"
    result = planterm("import", str(out), db=other)
    assert result.code == 0
    assert "imported pcc-da-2020: 23 actions, 23 updates" in result.out
    assert planterm("export", db=other).out.split("\n", 3)[3] == out.read_text().split("\n", 3)[3]


def test_export_to_standard_output(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    text = planterm("export", "--plan", "pcd-2019-20-t2").out
    assert tomllib.loads(text)["plans"][0]["key"] == "pcd-2019-20-t2"


def test_import_several_files_and_replace(planterm, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = sorted(str(p) for p in DATA.glob("*.toml"))
    assert planterm("import", *files).code == 0
    assert planterm("import", files[0]).code == 1
    result = planterm("import", "--replace", files[0])
    assert result.code == 0 and result.out.startswith("replaced ")


def test_the_clock_comes_from_the_environment(
    planterm, bundled_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PLANTERM_TODAY", "2021-03-31")
    assert "No actions match" in planterm("list", "--overdue", today=None).err
    monkeypatch.setenv("PLANTERM_TODAY", "2021-04-01")
    assert "pcc-da-2020" in planterm("list", "--overdue", today=None).out


def _stamps(db: Path | str) -> list[str]:
    """Every time stamp the database holds (stored as UTC text)."""
    columns = {
        "plan": ("created_at", "modified_at"),
        "action": ("created_at", "modified_at"),
        "progress_update": ("created_at", "removed_at"),
        "status_change": ("at",),
        "update_revision": ("at",),
    }
    engine = sa.create_engine(url_of(db))
    with engine.connect() as connection:
        found = [
            str(value)
            for table, names in columns.items()
            for name in names
            for (value,) in connection.exec_driver_sql(f"SELECT {name} FROM {table}")
            if value is not None
        ]
    engine.dispose()
    return found


def test_a_rehearsal_stamps_what_it_writes_on_the_day_rehearsed(
    planterm, db_target: Path | str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    day = date(2021, 7, 15)
    assert planterm("import", str(DATA / "pcc-da-2020.toml"), today=day).code == 0
    assert planterm("set-status", "pcc-da-2020", "10", "on-track", today=day).code == 0
    assert (
        planterm("add-update", "pcc-da-2020", "10", "--body", "Training booked.", today=day).code
        == 0
    )
    out = tmp_path / "july.toml"
    assert planterm("export", "-o", str(out), today=day).code == 0
    assert tomllib.loads(out.read_text())["exported_at"] == datetime(2021, 7, 15, 12, 0, tzinfo=UTC)
    stamps = _stamps(db_target)
    assert len(stamps) > 40 and {s[:10] for s in stamps} == {"2021-07-15"}
    # Without --today, the clock stamps it.
    assert planterm("set-status", "pcc-da-2020", "11", "on-track", today=None).code == 0
    assert max(_stamps(db_target))[:16] == f"{CLOCK:%Y-%m-%d %H:%M}"


def test_a_new_default_database_says_so_once(planterm) -> None:  # type: ignore[no-untyped-def]
    first = planterm("plans", db=None)
    assert first.code == 0 and "with the 5 bundled plans" in first.err
    second = planterm("plans", db=None)
    assert second.err == "" and "pcc-da-2020" in second.out


def test_the_installed_command_runs_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "PLANTERM_DB": str(tmp_path / "p.db"), "PLANTERM_TODAY": "2021-04-15"}
    subprocess.run([sys.executable, "-m", "planterm", "import", *map(str, DATA.glob("*.toml"))],
                   check=True, env=env, capture_output=True, cwd=REPO)  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "planterm", "list", "--plan", "pcc-da-2020", "--overdue", "--json"],
        env=env, capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [row["ref"] for row in json.loads(done.stdout)] == ["1"]


def test_read_only_reads_but_refuses_every_change(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    before = planterm("export").out
    assert planterm("--read-only", "list", "--plan", "da-jsna").code == 0
    result = planterm("--read-only", "set-status", "da-jsna", "1", "green")
    assert result.code == 1 and "read-only" in result.err and len(result.err.splitlines()) == 1
    assert planterm("--read-only", "add-update", "da-jsna", "1", "--body", "x").code == 1
    assert planterm("export").out.split("\n", 3)[3] == before.split("\n", 3)[3]


def test_no_command_opens_the_app_on_the_database(
    planterm, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from planterm.ui.app import PlantermApp

    opened: list[PlantermApp] = []
    monkeypatch.setattr(PlantermApp, "run", lambda self: opened.append(self))
    result = planterm(db=None)
    assert result.code == 0
    (app,) = opened
    assert app.backend.today.isoformat() == "2021-04-15" and app.backend.author == "tester"
    assert app.backend.now() == datetime(2021, 4, 15, 12, 0, tzinfo=UTC)  # CLOCK, on --today
    assert any("5 bundled plans" in notice for notice in app.notices)
    assert not app.backend.read_only


def test_a_mistyped_db_path_is_an_error_not_a_new_file(planterm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "tema.db"
    result = planterm("list", db=missing)
    assert result.code == 1 and "there is no database here" in result.err
    assert not missing.exists()
    assert planterm("import", str(DATA / "da-jsna.toml"), db=missing).code == 0
    assert missing.exists()
