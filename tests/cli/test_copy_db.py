"""`planterm copy-db` moves a whole database between SQLite and PostgreSQL, nothing lost.

Each test needs both engines, so it runs once, against the test server
(skipped, saying what to install, where there is none).
"""

from pathlib import Path

import pytest
import sqlalchemy as sa
import tomli_w

from planterm.domain.views import ActionFields
from planterm.io import snapshot
from planterm.services.bundled import load_bundled
from planterm.services.changes import add_update, set_status
from planterm.services.editing import add_action, delete_action
from planterm.services.transfer import import_docs
from planterm.services.updates import correct_update, remove_update
from planterm.storage.store import Store
from tests import hostile
from tests.conftest import NOW, TODAY, Result, dump_rows, new_store, one_line
from tests.pg_server import Cluster

pytestmark = pytest.mark.sqlite_only  # runs once, on both engines itself


def _fill(store: Store) -> None:
    """The bundled plans, the hostile plan, and every kind of row a plan's life makes."""
    load_bundled(store, now=NOW)
    doc = snapshot.parse(tomli_w.dumps(hostile.snapshot()), source="hostile.toml")
    import_docs(store, [("hostile.toml", doc)], replace=False, now=NOW)
    set_status(store, plan_key=hostile.PLAN, ref="2", status="green", author=hostile.AUTHOR,
               now=NOW, reason=hostile.EVERYTHING)  # fmt: skip
    kept = add_update(store, plan_key=hostile.PLAN, ref="2", body=hostile.EVERYTHING, day=TODAY,
                      author=hostile.AUTHOR, now=NOW)  # fmt: skip
    correct_update(store, update_id=kept.id, body="corrected", day=TODAY, period=None,
                   author=None, by="me", now=NOW)  # fmt: skip
    gone = add_update(store, plan_key=hostile.PLAN, ref="3", body="to remove", day=TODAY,
                      author="me", now=NOW)  # fmt: skip
    remove_update(store, update_id=gone.id, by="me", now=NOW)
    # the newest action deleted: its id is above every row, and must stay used
    with store.read() as session:
        last, version = session.execute(
            sa.text("SELECT id, version FROM action ORDER BY id DESC LIMIT 1")
        ).one()
    delete_action(store, action_id=last, expected_version=version)


def _export(planterm, db: Path | str) -> str:  # type: ignore[no-untyped-def]
    result: Result = planterm("export", db=db)
    assert result.code == 0, result
    return result.out


def _max_ids(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        found = {
            table: connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar()
            for table in ("action", "progress_update", "status_change", "update_revision")
        }
    engine.dispose()
    return {table: int(value or 0) for table, value in found.items()}


def test_a_copy_there_and_back_loses_nothing(  # type: ignore[no-untyped-def]
    planterm, tmp_path: Path, pg_cluster: Cluster, pg_database: str
) -> None:
    first = tmp_path / "first.db"
    store = new_store(first)
    _fill(store)
    deleted_id = _max_ids(store.url)["action"] + 1  # the deleted action's id
    store.dispose()
    before_toml = _export(planterm, first)
    before_rows = dump_rows(first)
    assert "corrected" in before_rows and "to remove" in before_rows

    there = planterm("copy-db", "--from", str(first), "--to", pg_database, db=None)
    assert there.code == 0, there
    assert there.out.startswith("copied 6 plans, ")
    assert _export(planterm, pg_database) == before_toml
    assert dump_rows(pg_database) == before_rows

    back_file = tmp_path / "back" / "second.db"
    back = planterm("copy-db", "--from", pg_database, "--to", str(back_file), db=None)
    assert back.code == 0, back
    assert _export(planterm, back_file) == before_toml
    assert dump_rows(back_file) == before_rows

    # ids go on past the deleted action's, on both engines, and search finds the copied text
    for db in (pg_database, back_file):
        url = db if isinstance(db, str) else f"sqlite:///{db}"
        copy = Store(url)
        values = ActionFields(text="fresh", leads=(), owner=None, due=None, start_after=None,
                              fields={})  # fmt: skip
        add_action(
            copy, plan_key=hostile.PLAN, theme=hostile.THEME, values=values, now=NOW, ref="new"
        )
        copy.dispose()
        assert _max_ids(url)["action"] == deleted_id + 1
        found = planterm("list", "--search", "stalking", "--json", db=db)
        assert found.code == 0 and '"ref"' in found.out, found


def test_a_target_that_holds_plans_is_refused_and_left_as_it_was(  # type: ignore[no-untyped-def]
    planterm, tmp_path: Path, pg_cluster: Cluster, pg_database: str
) -> None:
    source = tmp_path / "source.db"
    new_store(source).dispose()
    full = new_store(pg_database)
    load_bundled(full, now=NOW)
    full.dispose()
    before = dump_rows(pg_database)
    result = planterm("copy-db", "--from", str(source), "--to", pg_database, db=None)
    one_line(result, "the target database is not empty", "new file or an empty database")
    assert dump_rows(pg_database) == before

    taken = tmp_path / "taken.db"
    load_bundled(new_store(taken), now=NOW)
    before = dump_rows(taken)
    result = planterm("copy-db", "--from", pg_database, "--to", str(taken), db=None)
    one_line(result, f"{taken}: the target database is not empty")
    assert dump_rows(taken) == before


def test_a_missing_source_is_refused(planterm, tmp_path: Path, pg_database: str) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.db"
    result = planterm("copy-db", "--from", str(missing), "--to", pg_database, db=None)
    one_line(result, f"{missing}: there is no database here")
    assert not missing.exists()


def test_a_target_that_cannot_be_made_is_one_line(planterm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "source.db"
    load_bundled(new_store(source), now=NOW)
    result = planterm("copy-db", "--from", str(source), "--to", "/dev/null/x.db", db=None)
    one_line(result, "/dev/null/x.db: cannot create the database")
    result = planterm("copy-db", "--from", str(source), "--to", str(tmp_path), db=None)
    one_line(result, "this is a folder, not a database file")
