"""`bulk.insert_many` stores what the ORM stores, value for value, in the caller's transaction."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from planterm.domain.models import Agency, Plan
from planterm.storage import bulk
from planterm.storage.store import Store

pytestmark = pytest.mark.sqlite_only  # the bulk insert's sqlite3 fast path

WHEN = datetime(2021, 1, 14, 9, 30, 0, 0, tzinfo=UTC)
ELSEWHERE = datetime(2021, 1, 14, 10, 30, 15, 250, tzinfo=timezone(timedelta(hours=1)))


def _plan(key: str, created: datetime) -> dict[str, object]:
    return {"key": key, "title": "T", "issuing_body": "B", "scheme_key": "rag",
            "scheme_name": "RAG", "created_at": created, "modified_at": WHEN, "version": 1,
            "period": None}  # fmt: skip


def _raw_rows(store: Store, table: str) -> list[tuple[object, ...]]:
    with store.read() as session:
        return [tuple(r) for r in session.connection().exec_driver_sql(
            f"SELECT * FROM {table} ORDER BY id"
        )]  # fmt: skip


def test_rows_are_stored_as_the_orm_stores_them(store: Store) -> None:
    with store.write() as session:
        session.add(Plan(**_plan("orm-a", WHEN)))  # type: ignore[arg-type]
        session.add(Plan(**_plan("orm-b", ELSEWHERE)))  # type: ignore[arg-type]
        session.add(Agency(name="ORM", aliases=["o", "ö"]))
    with store.write() as session:
        connection = session.connection()
        bulk.insert_many(connection, Plan.__table__, [_plan("bulk-a", WHEN),  # type: ignore[attr-defined]
                                                      _plan("bulk-b", ELSEWHERE)])  # fmt: skip
        bulk.insert_many(connection, Agency.__table__, [{"name": "BULK", "aliases": ["o", "ö"]}])  # type: ignore[attr-defined]
    plans = _raw_rows(store, "plan")
    assert [row[2:] for row in plans[:2]] == [row[2:] for row in plans[2:]]
    assert plans[1][11] == "2021-01-14 09:30:15.000250"  # in UTC, with its microseconds
    agencies = _raw_rows(store, "agency")
    assert agencies[0][2] == agencies[1][2]


def test_rows_go_in_the_callers_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        bulk.insert_many(session.connection(), Plan.__table__, [_plan("gone", WHEN)])  # type: ignore[attr-defined]
        raise RuntimeError("after the insert")
    assert _raw_rows(store, "plan") == []


def test_no_rows_is_no_statement(store: Store) -> None:
    with store.write() as session:
        bulk.insert_many(session.connection(), Plan.__table__, [])  # type: ignore[attr-defined]
    assert _raw_rows(store, "plan") == []


def test_columns_store_what_rows_store(store: Store) -> None:
    rows = [_plan("row-a", WHEN), _plan("row-b", ELSEWHERE)]
    with store.write() as session:
        bulk.insert_many(session.connection(), Plan.__table__, rows)  # type: ignore[attr-defined]
        columns = {name: [r[name] for r in rows] for name in rows[0]}
        columns["key"] = ["col-a", "col-b"]
        bulk.insert_columns(session.connection(), Plan.__table__, columns)  # type: ignore[attr-defined]
    plans = _raw_rows(store, "plan")
    assert [row[2:] for row in plans[:2]] == [row[2:] for row in plans[2:]]
    assert [row[1] for row in plans] == ["row-a", "row-b", "col-a", "col-b"]


def test_the_roomy_cache_is_set_back_even_on_failure(store: Store) -> None:
    with store.write() as session:
        connection = session.connection()
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        with pytest.raises(RuntimeError), bulk.roomy_cache(connection):
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -bulk.ROOMY_CACHE_KIB
            raise RuntimeError("inside")
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == before
