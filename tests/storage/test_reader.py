"""The sqlite3-only read path: what it opens, what it refuses, and that it reads as the store."""

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from planterm.config import Settings
from planterm.domain.rules import Flag
from planterm.errors import PlantermError, StoreError
from planterm.services.listing import ListFilters, list_actions
from planterm.services.reading import quick_source
from planterm.services.summary import plan_summaries
from planterm.storage.reader import SqliteFile, in_list, sqlite_revision
from planterm.storage.revision import HEAD_REVISION
from planterm.storage.store import Store
from tests.bench.test_generate import gen
from tests.conftest import TODAY

pytestmark = pytest.mark.sqlite_only  # sqlite3 reads of a SQLite file

FILTERS = [
    ListFilters(),
    ListFilters(plan="pcc-da-2020"),
    ListFilters(plan="PCD-2019-20-T2"),
    ListFilters(plan="pcd-2019-20-t2", theme="helping and supporting victims"),
    ListFilters(theme="Prevention"),
    ListFilters(status="red"),
    ListFilters(status="untriaged"),
    ListFilters(plan="pcd-2019-20-t2", status="G"),
    ListFilters(agency="Nottinghamshire Police"),
    ListFilters(search="stalking"),
    ListFilters(search="[PCC] commission"),
    ListFilters(search="!!"),
    *(ListFilters(flags=frozenset({flag})) for flag in Flag.ALL),
    ListFilters(status="red", flags=frozenset({Flag.UNTRIAGED})),
    ListFilters(plan="pcc-da-2020", flags=frozenset({Flag.OVERDUE, Flag.STALE})),
]


def _settings(path: Path) -> Settings:
    return Settings(db_url=f"sqlite:///{path}", is_default_db=False, today=TODAY, author="t")


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_the_file_read_with_sqlite3_lists_what_the_store_lists(
    bundled: Store, db_path: Path, filters: ListFilters
) -> None:
    quick = quick_source(_settings(db_path))
    assert isinstance(quick, SqliteFile)
    assert list_actions(quick, filters, today=TODAY) == list_actions(bundled, filters, today=TODAY)


def test_the_lists_read_both_ways_are_not_trivially_equal(bundled: Store, db_path: Path) -> None:
    """The comparison above means something: the filters give different, non-empty lists."""
    quick = quick_source(_settings(db_path))
    assert quick is not None
    sizes = {f: len(list_actions(quick, f, today=TODAY)) for f in FILTERS[:10]}
    assert len(set(sizes.values())) > 5
    assert len(list_actions(quick, ListFilters(search="!!"), today=TODAY)) == 0


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's mix: overdue, sequential, due-to-start, stale and untriaged actions."""
    path = tmp_path_factory.mktemp("gen") / "bench.db"
    gen.generate(path, actions=300, seed=3, today=TODAY)
    return path


@pytest.mark.parametrize("flag", Flag.ALL)
def test_each_flag_lists_the_same_both_ways_on_a_varied_file(generated: Path, flag: str) -> None:
    store = Store(f"sqlite:///{generated}")
    quick = quick_source(_settings(generated))
    assert quick is not None
    try:
        for plan in (None, "plan-0001"):
            filters = ListFilters(plan=plan, flags=frozenset({flag}))
            rows = list_actions(quick, filters, today=TODAY)
            assert rows == list_actions(store, filters, today=TODAY)
            assert plan is not None or rows, f"the generated file has no {flag} action"
    finally:
        store.dispose()


def test_summaries_read_with_sqlite3_equal_the_store(bundled: Store, db_path: Path) -> None:
    quick = quick_source(_settings(db_path))
    assert quick is not None
    assert plan_summaries(quick) == plan_summaries(bundled)
    assert plan_summaries(quick, "pcc-da-2020") == plan_summaries(bundled, "pcc-da-2020")


def test_a_filter_naming_nothing_is_the_same_error_both_ways(bundled: Store, db_path: Path) -> None:
    quick = quick_source(_settings(db_path))
    assert quick is not None
    for filters in (ListFilters(plan="pcc-da-202"), ListFilters(status="purple"),
                    ListFilters(agency="Policee"), ListFilters(theme="Nowhere")):  # fmt: skip
        with pytest.raises(PlantermError) as fast:
            list_actions(quick, filters, today=TODAY)
        with pytest.raises(PlantermError) as slow:
            list_actions(bundled, filters, today=TODAY)
        assert str(fast.value) == str(slow.value)


def test_only_a_current_sqlite_file_takes_the_quick_path(store: Store, tmp_path: Path) -> None:
    path = store.sqlite_path
    assert path is not None and sqlite_revision(path) == HEAD_REVISION
    assert quick_source(_settings(path)) is not None
    missing = tmp_path / "missing.db"
    assert quick_source(_settings(missing)) is None
    assert not missing.exists()
    settings = _settings(path)
    assert quick_source(replace(settings, db_url="sqlite://")) is None
    assert quick_source(replace(settings, db_url="postgresql+psycopg://u@h/db")) is None
    assert quick_source(replace(settings, db_url=f"sqlite:///{path}?mode=ro")) is None
    older = tmp_path / "older.db"
    with sqlite3.connect(older) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.close()
    assert quick_source(_settings(older)) is None
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    connection.close()
    assert quick_source(_settings(foreign)) is None
    text = tmp_path / "notes.db"
    text.write_text("not a database at all, " * 100)
    assert quick_source(_settings(text)) is None


def test_reading_a_file_that_is_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database at all, " * 100)
    with pytest.raises(StoreError, match="not a planterm database"), SqliteFile(path).reading():
        pass


def test_reading_never_creates_a_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="cannot be opened"), SqliteFile(path).reading():
        pass
    assert not path.exists()


def test_reading_a_file_the_user_may_not_write_works(bundled: Store, db_path: Path) -> None:
    bundled.dispose()
    for extra in db_path.parent.glob(f"{db_path.name}-*"):
        extra.unlink()
    db_path.chmod(0o400)
    try:
        with SqliteFile(db_path).reading() as db:
            assert db.rows("SELECT count(*) FROM plan")[0][0] == 5
    finally:
        db_path.chmod(0o600)


def test_in_list_names_each_value_and_an_empty_list_matches_nothing() -> None:
    assert in_list("s", [3, 4]) == ("(:s0, :s1)", {"s0": 3, "s1": 4})
    assert in_list("s", []) == ("(NULL)", {})


def test_a_list_without_leads_differs_only_in_its_leads(bundled: Store) -> None:
    full = list_actions(bundled, ListFilters(), today=TODAY)
    bare = list_actions(bundled, ListFilters(), today=TODAY, with_leads=False)
    assert any(row.leads for row in full)
    assert bare == [row._replace(leads=()) for row in full]


def test_a_path_with_uri_characters_opens(bundled: Store, tmp_path: Path) -> None:
    odd = tmp_path / "plans #2 ?100% done.db"
    source = sqlite3.connect(bundled.sqlite_path or "")
    target = sqlite3.connect(odd)
    source.backup(target)
    source.close()
    target.close()
    with SqliteFile(odd).reading() as db:
        assert db.rows("SELECT count(*) FROM plan")[0][0] == 5
    assert sqlite_revision(odd) == HEAD_REVISION
