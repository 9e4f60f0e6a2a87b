import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from planterm.errors import StoreError
from planterm.storage import migrate
from planterm.storage.store import Store
from tests.conftest import NOW


def test_a_new_file_gets_every_revision(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'new.db'}")
    result = migrate.prepare(store, now=NOW)
    assert result.created and result.backup is None
    assert migrate.current_revision(store) == migrate.HEAD_REVISION
    assert migrate.known_revisions()[-1] == migrate.HEAD_REVISION
    assert migrate.prepare(store, now=NOW) == migrate.Preparation()


def test_the_revisions_build_exactly_the_tables_the_models_describe(store: Store) -> None:
    from planterm.storage.migrate import include_object

    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def _upgrade_to(path: Path, revision: str) -> None:
    from alembic import command

    store = Store(f"sqlite:///{path}")
    config = migrate._config()
    with store.writer_engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    store.dispose()


def test_an_older_file_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _upgrade_to(path, "0001")
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO plan (id, key, title, issuing_body, scheme_key, scheme_name, "
            "created_at, modified_at, version) VALUES "
            "(1, 'p', 'Plan', 'Body', 'rag', 'RAG', '2020-01-01', '2020-01-01', 1)"
        )
        db.execute("INSERT INTO theme (id, plan_id, position, name) VALUES (1, 1, 0, 'T')")
        db.execute(
            "INSERT INTO action (plan_id, theme_id, position, ref, text, fields, created_at, "
            "modified_at, version) VALUES (1, 1, 0, '1', 'Commission refuges', '{}', "
            "'2020-01-01', '2020-01-01', 1)"
        )

    store = Store(f"sqlite:///{path}")
    result = migrate.prepare(store, now=NOW)

    assert result.upgraded_from == "0001" and not result.created
    assert result.backup is not None and result.backup.parent == tmp_path / "backups"
    assert result.backup.name == "old.2021-04-15T093000.before-upgrade-0001.db"
    assert result.backup.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(result.backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT text FROM action").fetchall() == [("Commission refuges",)]
    assert migrate.current_revision(store) == migrate.HEAD_REVISION
    with store.read() as session:
        found = session.execute(
            sa.text("SELECT rowid FROM action_fts WHERE action_fts MATCH 'refuges'")
        ).all()
    assert len(found) == 1, "text written before the search index existed is found"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM theme").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM action").fetchone() == (1,), "no cascade"
        triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert {"action_fts_insert", "update_fts_update"} <= triggers
        schema = db.execute("SELECT sql FROM sqlite_master WHERE name = 'action'").fetchone()[0]
        assert "AUTOINCREMENT" in schema
    with store.read() as session:
        assert session.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1


def test_a_file_from_a_newer_planterm_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    migrate.prepare(Store(f"sqlite:///{path}"), now=NOW)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer planterm"):
        migrate.prepare(Store(f"sqlite:///{path}"), now=NOW)
    assert path.read_bytes() == before


def test_a_database_of_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="not made by planterm"):
        migrate.prepare(Store(f"sqlite:///{path}"), now=NOW)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("meeting notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a planterm database"):
        migrate.prepare(Store(f"sqlite:///{path}"), now=NOW)
    assert path.read_text().startswith("meeting notes")
