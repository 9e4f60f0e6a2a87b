"""`fts.indexed_at_end`: a bulk insert is indexed once, whole, and the triggers come back."""

import pytest
import sqlalchemy as sa

from planterm.storage import fts
from planterm.storage.queries import search_action_ids
from planterm.storage.store import SessionReader, Store

pytestmark = pytest.mark.sqlite_only  # SQLite's FTS5 tables and triggers

TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"


def _triggers(store: Store) -> list[tuple[str, str]]:
    with store.read() as session:
        return [tuple(row) for row in session.connection().exec_driver_sql(TRIGGERS)]  # type: ignore[misc]


def _check_index(connection: sa.Connection) -> None:
    for table in ("action_fts", "update_fts"):
        connection.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_rows_inserted_in_the_block_are_found_and_the_index_is_whole(bundled: Store) -> None:
    before = _triggers(bundled)
    with bundled.write() as session:
        connection = session.connection()
        with fts.indexed_at_end(connection):
            assert len(connection.exec_driver_sql(TRIGGERS).all()) == len(before) - 2
            connection.exec_driver_sql(
                "INSERT INTO progress_update (action_id, date, body, created_at) "
                "VALUES (1, '2021-01-01', 'Zanzibar outreach', '2021-01-01 00:00:00.000000')"
            )
            connection.exec_driver_sql("UPDATE action SET text = 'Quokka census' WHERE id = 2")
        _check_index(connection)
        reader = SessionReader(session)
        assert search_action_ids(reader, "zanzibar") == {1}
        assert search_action_ids(reader, "quokka") == {2}
    assert _triggers(bundled) == before
    with bundled.write() as session:  # the triggers work again after the block
        connection = session.connection()
        connection.exec_driver_sql(
            "UPDATE progress_update SET body = 'Wombat' WHERE body LIKE 'Zanz%'"
        )
        _check_index(connection)
        assert search_action_ids(SessionReader(session), "wombat") == {1}


def test_a_failed_block_rolls_back_with_the_triggers(bundled: Store) -> None:
    before = _triggers(bundled)
    with (
        pytest.raises(RuntimeError),
        bundled.write() as session,
        fts.indexed_at_end(session.connection()),
    ):
        raise RuntimeError("half way")
    assert _triggers(bundled) == before
