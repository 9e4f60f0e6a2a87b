"""What differs on PostgreSQL: backups are the server's, search has its own index.

These run once, against the test server (skipped, saying what to install,
where there is none).
"""

import pytest
import sqlalchemy as sa

from planterm.services.bundled import load_bundled
from planterm.storage.queries import search_condition
from planterm.storage.store import SessionReader
from tests.conftest import NOW, dump_rows, new_store, one_line

pytestmark = pytest.mark.sqlite_only  # not parametrised: each test names PostgreSQL itself


@pytest.mark.parametrize("args", [("backup",), ("backup", "copy.db"), ("restore", "old.db")])
def test_backup_and_restore_are_refused_naming_pg_dump(planterm, pg_database: str, args) -> None:  # type: ignore[no-untyped-def]
    store = new_store(pg_database)
    load_bundled(store, now=NOW)
    store.dispose()
    before = dump_rows(pg_database)
    line = one_line(planterm(*args, db=pg_database), "backup and restore work on a SQLite file")
    assert "pg_dump" in line and "postgres@127.0.0.1" in line
    assert dump_rows(pg_database) == before


def test_a_search_is_answered_from_the_text_search_indexes(pg_database: str) -> None:
    store = new_store(pg_database)
    load_bundled(store, now=NOW)
    with store.write() as session:  # enough updates that reading them all costs more
        session.execute(sa.text(
            "INSERT INTO progress_update (action_id, date, body, created_at) "
            "SELECT (SELECT min(id) FROM action), DATE '2021-01-01', 'filler ' || g, now() "
            "FROM generate_series(1, 5000) AS g"
        ))  # fmt: skip
        session.execute(sa.text("ANALYZE"))
    with store.read() as session:
        session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        sql, params = search_condition(SessionReader(session), "victims")
        plan = "\n".join(row[0] for row in session.execute(sa.text(f"EXPLAIN {sql}"), params).all())
        found = session.execute(sa.text(sql), params).all()
    store.dispose()
    assert "ix_action_text_search" in plan and "ix_update_body_search" in plan, plan
    assert found


def test_read_only_sessions_are_refused_writes_by_the_server(pg_database: str) -> None:
    from planterm.errors import StoreError
    from planterm.storage.store import Store

    new_store(pg_database).dispose()
    store = Store(pg_database, read_only=True)
    with pytest.raises(StoreError, match="the database is open read-only"), store.read() as session:
        session.execute(sa.text("INSERT INTO agency (name, aliases) VALUES ('x', '[]')"))
    store.dispose()
    one = Store(pg_database)
    with one.read() as session:
        assert session.execute(sa.text("SELECT count(*) FROM agency")).scalar() == 0
    one.dispose()


def test_two_planterms_making_the_schema_at_once_both_succeed(pg_database: str) -> None:
    """A new database opened by two at once: one runs the revisions, the other waits, finds them."""
    import threading

    from planterm.storage import migrate
    from planterm.storage.store import Store

    stores = [Store(pg_database), Store(pg_database)]
    errors: list[BaseException] = []

    def prepare(store: Store) -> None:
        try:
            migrate.prepare(store, now=NOW)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=prepare, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert migrate.current_revision(stores[0]) == migrate.HEAD_REVISION
    for store in stores:
        store.dispose()
