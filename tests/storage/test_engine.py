import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from planterm.storage.store import Store


@pytest.mark.sqlite_only  # SQLite pragmas
def test_every_sqlite_connection_gets_the_pragmas(store: Store) -> None:
    with store.read() as session:
        pragma = lambda name: session.execute(sa.text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000
        assert pragma("synchronous") == 1  # NORMAL


def test_a_failed_unit_of_work_leaves_nothing(store: Store) -> None:
    from planterm.domain.models import Agency

    try:
        with store.write() as session:
            session.add(Agency(name="PCC", aliases=[]))
            session.flush()
            raise RuntimeError("crash in the middle")
    except RuntimeError:
        pass
    with store.read() as session:
        assert session.execute(sa.text("SELECT count(*) FROM agency")).scalar() == 0


def test_two_writers_queue_instead_of_failing(db_path: Path, store: Store) -> None:
    from planterm.domain.models import Agency

    errors: list[BaseException] = []

    def write(n: int) -> None:
        other = Store(store.url)
        try:
            for i in range(20):
                with other.write() as session:
                    session.add(Agency(name=f"agency {n}-{i}", aliases=[]))
        except BaseException as exc:
            errors.append(exc)
        finally:
            other.dispose()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.read() as session:
        assert session.execute(sa.text("SELECT count(*) FROM agency")).scalar() == 60


def test_foreign_keys_cascade_a_deleted_plan(bundled: Store) -> None:
    with bundled.write() as session:
        session.execute(sa.text("DELETE FROM plan WHERE key = 'pcd-2019-20-t2'"))
    with bundled.read() as session:
        count = lambda sql: session.execute(sa.text(sql)).scalar()  # noqa: E731
        assert count("SELECT count(*) FROM plan") == 4
        assert count("SELECT count(*) FROM progress_update u LEFT JOIN action a "
                     "ON a.id = u.action_id WHERE a.id IS NULL") == 0  # fmt: skip
        assert count("SELECT count(*) FROM status WHERE key = 'green'") == 3
