"""A list read a page at a time gives what the whole list gives, reading only what is looked at."""

from pathlib import Path

import pytest

from planterm.domain.rules import Flag
from planterm.errors import StoreError
from planterm.services import browsing
from planterm.services.browsing import GONE_TEXT, ActionPages, browse_actions
from planterm.services.editing import delete_action
from planterm.services.listing import ListFilters, list_actions
from planterm.storage.reader import ReadSource, SqliteFile
from planterm.storage.store import Store
from tests.conftest import TODAY

CASES = [
    ListFilters(),
    ListFilters(plan="pcc-da-2020"),
    ListFilters(search="victims"),
    ListFilters(status="green"),
    ListFilters(flags=frozenset({Flag.STALE})),
]


def _source(store: Store, db_path: Path) -> ReadSource:
    """What the app reads a list from: the file through sqlite3, or the store (PostgreSQL)."""
    return SqliteFile(db_path) if store.sqlite_path is not None else store


@pytest.mark.parametrize("filters", CASES, ids=lambda f: repr(f)[11:60])
def test_the_pages_are_the_whole_list(
    bundled: Store, db_path: Path, filters: ListFilters, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browsing, "PAGE", 7)  # several pages, on the bundled plans
    whole = list_actions(bundled, filters, today=TODAY)
    assert whole, "the case should list something"
    pages = browse_actions(_source(bundled, db_path), filters, today=TODAY)
    assert len(pages) == len(whole)
    assert list(pages) == whole
    assert pages.plans == len({r.plan for r in whole})
    assert [pages.index_of(r.id) for r in whole] == list(range(len(whole)))
    assert pages[-1] == whole[-1] and pages[1:3] == whole[1:3]


def test_only_the_pages_looked_at_are_read(
    bundled: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browsing, "PAGE", 5)
    reads: list[int] = []
    original = ActionPages._read

    def counted(self: ActionPages, number: int) -> list[object]:
        reads.append(number)
        return original(self, number)  # type: ignore[return-value]

    monkeypatch.setattr(ActionPages, "_read", counted)
    whole = list_actions(bundled, ListFilters(), today=TODAY)
    around = whole[12].id
    pages = browse_actions(_source(bundled, db_path), ListFilters(), today=TODAY, around=around)
    assert reads == [2], "only the page of the action the cursor goes to"
    assert pages.id_at(12) == around and pages.index_of(around) == 12
    assert pages[13] == whole[13] and pages[0] == whole[0]
    assert reads == [2, 0]


def test_an_action_deleted_after_the_ids_were_read_says_so(
    bundled: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browsing, "PAGE", 5)
    whole = list_actions(bundled, ListFilters(plan="pcc-da-2020"), today=TODAY)
    pages = browse_actions(_source(bundled, db_path), ListFilters(plan="pcc-da-2020"), today=TODAY)
    gone = whole[7]
    delete_action(bundled, action_id=gone.id, expected_version=gone.version)
    assert pages[7].id == gone.id and pages[7].text == GONE_TEXT
    assert pages[8] == whole[8]


def test_a_list_narrowed_by_flags_is_read_whole(bundled: Store, db_path: Path) -> None:
    filters = ListFilters(flags=frozenset({Flag.OVERDUE}))
    pages = browse_actions(_source(bundled, db_path), filters, today=TODAY)
    assert list(pages) == list_actions(bundled, filters, today=TODAY)
    with pytest.raises(IndexError):
        pages[len(pages)]


def test_a_page_that_cannot_be_read_says_so_and_is_read_again_next_time(
    bundled: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browsing, "PAGE", 5)
    whole = list_actions(bundled, ListFilters(), today=TODAY)
    pages = browse_actions(_source(bundled, db_path), ListFilters(), today=TODAY)
    original = ActionPages._read

    def failing(self: ActionPages, number: int) -> list[object]:
        raise StoreError("database is locked", where=str(db_path))

    monkeypatch.setattr(ActionPages, "_read", failing)
    row = pages[7]
    assert row.id == whole[7].id and row.text.startswith("(could not be read: database is locked")
    assert isinstance(pages.unread, StoreError)
    monkeypatch.setattr(ActionPages, "_read", original)
    assert pages[7] == whole[7], "the page is read again, not kept as it failed"


def test_a_list_not_paged_is_read_whole_at_once(bundled: Store, db_path: Path) -> None:
    pages = browse_actions(bundled, ListFilters(), today=TODAY, paged=False)
    assert list(pages) == list_actions(bundled, ListFilters(), today=TODAY)
    assert pages.position(None) == 0 and pages.position(pages.id_at(3)) == 3
