import tomllib
from pathlib import Path

import pytest

from planterm.config import Settings
from planterm.errors import ConflictError, InputError
from planterm.services.bundled import bundled_files
from planterm.services.changes import add_update, set_status
from planterm.services.opening import open_store
from planterm.services.summary import plan_summaries
from planterm.services.transfer import export_text, import_files
from planterm.storage.store import Store
from tests.conftest import DATA, NOW, TODAY, new_store


def without_stamp(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("exported_at"))


def test_export_import_export_gives_the_same_bytes_with_history(
    bundled: Store, tmp_path: Path
) -> None:
    set_status(bundled, plan_key="pcc-da-2020", ref="1", status="complete", author="kd",
               now=NOW, reason="Strategy published")  # fmt: skip
    add_update(bundled, plan_key="pcc-da-2020", ref="1", body="Published.", day=TODAY,
               author="kd", now=NOW)  # fmt: skip
    first = export_text(bundled, now=NOW)
    (tmp_path / "all.toml").write_text(first)
    other = new_store(tmp_path / "other.db")
    import_files(other, [tmp_path / "all.toml"], replace=False, now=NOW)
    second = export_text(other, now=NOW)
    assert second == first
    assert 'reason = "Strategy published"' in first


def test_exporting_one_plan_carries_only_its_agencies(bundled: Store) -> None:
    data = tomllib.loads(export_text(bundled, plan_keys=["pcd-2019-20-t2"], now=NOW))
    assert [p["key"] for p in data["plans"]] == ["pcd-2019-20-t2"]
    assert "agencies" not in data  # the delivery plan names owners, not lead agencies
    data = tomllib.loads(export_text(bundled, plan_keys=["sfh-review-2014"], now=NOW))
    assert [a["name"] for a in data["agencies"]] == [
        "Crime and Drugs Partnership",
        "Health and Wellbeing Board",
    ]


def test_a_plan_already_there_is_refused_unless_replaced(bundled: Store) -> None:
    path = DATA / "pcc-da-2020.toml"
    with pytest.raises(ConflictError, match="--replace"):
        import_files(bundled, [path], replace=False, now=NOW)
    set_status(bundled, plan_key="pcc-da-2020", ref="1", status="complete", author="x", now=NOW)
    imported = import_files(bundled, [path], replace=True, now=NOW)
    assert imported[0].replaced and imported[0].actions == 23
    summary = plan_summaries(bundled, "pcc-da-2020")[0]
    assert summary.counts[-1].count == 23, "the replaced plan is back to its file's statuses"
    assert len(plan_summaries(bundled)) == 5


def test_an_import_is_all_or_nothing(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text((DATA / "da-jsna.toml").read_text().replace('ref = "19"', 'ref = "18"'))
    with pytest.raises(InputError, match="ref 18 appears twice"):
        import_files(store, [DATA / "pcc-da-2020.toml", bad], replace=False, now=NOW)
    assert plan_summaries(store) == []


def test_a_failure_while_writing_rolls_back_everything(store: Store, tmp_path: Path) -> None:
    clash = tmp_path / "clash.toml"
    text = (DATA / "pcd-2019-20-t2.toml").read_text()
    clash.write_text(text.replace('key = "pcd-2019-20-t2"', 'key = "pcc-da-2020"', 1)
                     .replace('plan = "pcd-2019-20-t2"', 'plan = "pcc-da-2020"'))  # fmt: skip
    with pytest.raises(InputError, match="in two of the files"):
        import_files(store, [DATA / "pcc-da-2020.toml", clash], replace=False, now=NOW)
    assert plan_summaries(store) == []


def test_a_new_default_database_gets_the_bundled_plans_and_says_so_once(tmp_path: Path) -> None:
    settings = Settings.resolve(environ={"XDG_DATA_HOME": str(tmp_path)})
    assert settings.is_default_db and str(tmp_path) in settings.db_url
    first = open_store(settings, now=NOW)
    assert len(first.notices) == 1 and "5 bundled plans" in first.notices[0]
    assert len(plan_summaries(first.store)) == len(bundled_files()) == 5
    first.store.dispose()
    second = open_store(settings, now=NOW)
    assert second.notices == []
    path = second.store.sqlite_path
    assert path is not None and path.stat().st_mode & 0o777 == 0o600


def test_another_new_file_starts_empty(tmp_path: Path) -> None:
    settings = Settings.resolve(db=str(tmp_path / "team.db"), environ={})
    opened = open_store(settings, now=NOW)
    assert plan_summaries(opened.store) == []
    assert "empty" in opened.notices[0]


def test_settings_come_from_options_then_environment() -> None:
    env = {"PLANTERM_DB": "postgresql+psycopg://h/db", "PLANTERM_TODAY": "2020-03-04",
           "PLANTERM_AUTHOR": "kd"}  # fmt: skip
    settings = Settings.resolve(environ=env)
    assert settings.db_url == "postgresql+psycopg://h/db" and not settings.is_default_db
    assert settings.today.isoformat() == "2020-03-04" and settings.author == "kd"
    settings = Settings.resolve(today="2021-04-15", author="nw", environ=env)
    assert settings.today == TODAY and settings.author == "nw"
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        Settings.resolve(today="15/04/2021", environ={})


def test_the_bundled_schemes_are_the_built_in_keys() -> None:
    from planterm.domain.schemes import BUILT_IN

    for path in bundled_files():
        for plan in tomllib.loads(path.read_text())["plans"]:
            scheme = BUILT_IN[plan["scheme"]["key"]]
            assert plan["scheme"]["name"] == scheme.name
            assert [
                (s["key"], s["label"], s["meaning"], s["symbol"], s["category"], s.get("colour"))
                for s in plan["scheme"]["statuses"]
            ] == [(s.key, s.label, s.meaning, s.symbol, str(s.category), s.colour)
                  for s in scheme.statuses]  # fmt: skip


@pytest.mark.sqlite_only  # SQLite's FTS5 integrity check
def test_an_import_leaves_the_full_text_index_whole_and_searchable(bundled: Store) -> None:
    """Import indexes its rows once at the end (storage.fts); a replaced plan leaves the index."""
    from planterm.storage.queries import search_action_ids
    from planterm.storage.store import SessionReader

    import_files(bundled, [DATA / "pcc-da-2020.toml"], replace=True, now=NOW)
    with bundled.write() as session:
        connection = session.connection()
        for table in ("action_fts", "update_fts"):
            connection.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        held = connection.exec_driver_sql(
            "SELECT (SELECT count(*) FROM action_fts), (SELECT count(*) FROM action), "
            "(SELECT count(*) FROM update_fts), (SELECT count(*) FROM progress_update)"
        ).one()
        assert held[0] == held[1] and held[2] == held[3]
        word = (
            connection.exec_driver_sql(
                "SELECT text FROM action a JOIN plan p ON p.id = a.plan_id "
                "WHERE p.key = 'pcc-da-2020' ORDER BY a.id LIMIT 1"
            )
            .scalar_one()
            .split()[-1]
            .strip(".,;")
        )
        found = search_action_ids(SessionReader(session), word)
        plan_ids = {row[0] for row in connection.exec_driver_sql(
            "SELECT id FROM action WHERE plan_id = (SELECT id FROM plan WHERE key = 'pcc-da-2020')"
        )}  # fmt: skip
        assert found & plan_ids
