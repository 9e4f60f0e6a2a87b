"""The benchmark's data generator: counts, flags, search, round trip, determinism.

Correctness only; how fast it runs is the benchmark's business, not a test's.
"""

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from planterm.domain.rules import Flag
from planterm.services.listing import ListFilters, list_actions
from planterm.storage.queries import search_action_ids
from planterm.storage.store import SessionReader, Store
from tests.conftest import REPO, new_store

TODAY = date(2026, 11, 24)
N = 200


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    path = tmp_path_factory.mktemp("gen") / "bench.db"
    summary = gen.generate(path, actions=N, seed=7, today=TODAY)
    return path, summary


def _export(planterm, path: Path) -> str:  # type: ignore[no-untyped-def]
    result = planterm("export", db=path, today=TODAY)
    assert result.code == 0, result.err
    return "\n".join(line for line in result.out.splitlines() if not line.startswith("exported_at"))


def test_counts_follow_the_proportions(generated: tuple[Path, object]) -> None:
    path, summary = generated
    assert (summary.plans, summary.actions, summary.agencies) == (4, 200, 10)
    assert 8 * N <= summary.updates <= 12 * N
    assert summary.status_changes > 0
    assert gen.plan_count(10_000) == 200
    assert gen.agency_count(10_000) == 100
    store = Store(f"sqlite:///{path}")
    try:
        with store.read() as session:
            counted = {
                table: session.connection()
                .exec_driver_sql(f"SELECT count(*) FROM {table}")
                .scalar()
                for table in ("plan", "action", "progress_update", "agency", "status_change")
            }
            schemes = (
                session.connection()
                .exec_driver_sql("SELECT DISTINCT scheme_key FROM plan ORDER BY 1")
                .scalars()
                .all()
            )
            themes = (
                session.connection()
                .exec_driver_sql("SELECT count(*) FROM theme GROUP BY plan_id")
                .scalars()
                .all()
            )
            leads = (
                session.connection()
                .exec_driver_sql("SELECT count(*) FROM action_lead GROUP BY action_id")
                .scalars()
                .all()
            )
            sub_refs = (
                session.connection()
                .exec_driver_sql("SELECT count(*) FROM action WHERE ref LIKE '%.%'")
                .scalar()
            )
            aliased = (
                session.connection()
                .exec_driver_sql("SELECT count(*) FROM agency WHERE aliases != '[]'")
                .scalar()
            )
            bodies = (
                session.connection()
                .exec_driver_sql("SELECT min(length(body)), max(length(body)) FROM progress_update")
                .one()
            )
    finally:
        store.dispose()
    assert counted == {
        "plan": summary.plans,
        "action": summary.actions,
        "progress_update": summary.updates,
        "agency": summary.agencies,
        "status_change": summary.status_changes,
    }
    assert schemes == ["pcc-2020", "rag"]
    assert all(3 <= n <= 9 for n in themes)
    assert len(leads) == N and all(1 <= n <= 5 for n in leads)
    assert sub_refs > 0 and aliased > 0
    assert bodies[0] >= 250 and bodies[1] <= 450


def test_every_flag_is_present_and_counted_as_planterm_counts(
    generated: tuple[Path, object],
) -> None:
    path, summary = generated
    store = Store(f"sqlite:///{path}")
    try:
        for flag in Flag.ALL:
            rows = list_actions(store, ListFilters(flags=frozenset({flag})), today=TODAY)
            assert summary.flags[flag] > 0, flag
            assert len(rows) == summary.flags[flag], flag
    finally:
        store.dispose()


def test_the_summary_line_names_every_count(generated: tuple[Path, object]) -> None:
    _path, summary = generated
    line = summary.line()
    assert "\n" not in line
    for word in ("plans=4", "actions=200", "agencies=10", *(f"{f}=" for f in Flag.ALL)):
        assert word in line


def test_search_finds_generated_words(generated: tuple[Path, object], planterm) -> None:  # type: ignore[no-untyped-def]
    path, _summary = generated
    for word in ("MARAC", "refuge", "commissioning"):
        result = planterm("list", "--search", word, "--json", db=path, today=TODAY)
        assert result.code == 0, result.err
        assert len(json.loads(result.out)) > 0, word


def test_export_reimports_and_exports_the_same(
    generated: tuple[Path, object],
    planterm,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path, _summary = generated
    first = _export(planterm, path)
    snapshot = tmp_path / "bench.toml"
    snapshot.write_text(first + "\n", encoding="utf-8")
    copy = tmp_path / "copy.db"
    imported = planterm("import", str(snapshot), db=copy, today=TODAY)
    assert imported.code == 0, imported.err
    assert _export(planterm, copy) == first


def test_same_seed_same_export_other_seed_other(
    generated: tuple[Path, object],
    planterm,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path, _summary = generated
    again = tmp_path / "again.db"
    other = tmp_path / "other.db"
    gen.generate(again, actions=N, seed=7, today=TODAY)
    gen.generate(other, actions=N, seed=8, today=TODAY)
    assert _export(planterm, again) == _export(planterm, path)
    assert _export(planterm, other) != _export(planterm, path)


def test_refuses_an_existing_file_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "taken.db"
    path.write_bytes(b"someone's work")
    code = gen.main(["--actions", "10", "--db", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "already exists" in err
    assert path.read_bytes() == b"someone's work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.db"]


def test_the_command_line_prints_one_summary_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = gen.main(
        ["--actions", "20", "--db", str(tmp_path / "small.db"), "--today", "2026-11-24"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("\n") == 1 and out.startswith("plans=1 actions=20 ")


def test_the_full_text_index_is_whole_and_kept_in_step_after(
    generated: tuple[Path, object], tmp_path: Path
) -> None:
    """The bulk write sets the index triggers aside; they are back, as the migration made them."""
    path, _summary = generated
    fresh = new_store(tmp_path / "fresh.db")
    store = Store(f"sqlite:///{path}")
    trigger_sql = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    try:
        with fresh.read() as session:
            expected = session.connection().exec_driver_sql(trigger_sql).all()
        with store.write() as session:
            connection = session.connection()
            assert connection.exec_driver_sql(trigger_sql).all() == expected
            for fts in ("action_fts", "update_fts"):
                connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            connection.exec_driver_sql(
                "UPDATE progress_update SET body = 'Zanzibar outreach' WHERE id = 1"
            )
            assert search_action_ids(SessionReader(session), "zanzibar") == {1}
            session.rollback()
    finally:
        fresh.dispose()
        store.dispose()
