"""The store that opens behind the app's first screen."""

import threading
from pathlib import Path

import pytest

from planterm.errors import StoreError
from planterm.services.changes import set_status
from planterm.services.detail import show_action
from planterm.services.listing import ListFilters, list_actions
from planterm.services.reading import StoreOpening
from planterm.storage.reader import SqliteFile
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.sqlite_only  # the quick read path reads a SQLite file with sqlite3 alone


def test_reads_go_to_the_file_without_opening_the_store(bundled: Store, db_path: Path) -> None:
    opened: list[Store] = []

    def opener() -> Store:
        opened.append(bundled)
        return bundled

    store = StoreOpening(SqliteFile(db_path), opener)
    rows = list_actions(store, ListFilters(plan="pcc-da-2020"), today=TODAY)  # type: ignore[arg-type]
    assert len(rows) == 23
    assert opened == []


def test_a_write_waits_for_the_store_and_opens_it_once(bundled: Store, db_path: Path) -> None:
    calls: list[int] = []
    gate = threading.Event()

    def opener() -> Store:
        calls.append(1)
        gate.wait(5)
        return bundled

    store = StoreOpening(SqliteFile(db_path), opener)
    store.start()
    store.start()
    gate.set()
    set_status(store, plan_key="pcc-da-2020", ref="1", status="complete",  # type: ignore[arg-type]
               author="t", now=NOW)  # fmt: skip
    assert show_action(store, "pcc-da-2020", "1", today=TODAY).row.status is not None  # type: ignore[arg-type]
    assert store.opened() is bundled
    assert calls == [1]


def test_a_failure_to_open_reaches_whoever_asks(db_path: Path, bundled: Store) -> None:
    def opener() -> Store:
        raise StoreError("the database is busy with another planterm")

    store = StoreOpening(SqliteFile(db_path), opener)
    with pytest.raises(StoreError, match="busy"):
        store.opened()
    with pytest.raises(StoreError, match="busy"):
        _ = store.write
