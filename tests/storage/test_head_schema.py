"""A new SQLite file made from `head_schema` is the file the revisions make."""

import sqlite3
from pathlib import Path

import pytest

from planterm.storage import head_schema, migrate
from planterm.storage.store import Store
from tests.conftest import NOW, new_store

pytestmark = pytest.mark.sqlite_only  # a new SQLite file's one-script schema


def _shape(path: Path) -> dict[str, object]:
    """A database's schema as SQLite understands it, not as its text happens to read.

    Alembic's batch rebuilds write constraints in an order that changes from run
    to run; columns, keys, indexes and the hand-written SQL (full-text tables and
    triggers) do not.
    """
    connection = sqlite3.connect(path)
    try:
        found = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        shape: dict[str, object] = {}
        for type_, name, table, sql in found:
            if type_ == "trigger" or sql.startswith("CREATE VIRTUAL TABLE"):
                shape[name] = sql
            elif type_ == "index":
                shape[name] = (table, connection.execute(f"PRAGMA index_info({name})").fetchall())
            elif type_ == "table" and not name.endswith(FTS_SHADOWS):
                indexes = connection.execute(f'PRAGMA index_list("{name}")').fetchall()
                shape[name] = (
                    connection.execute(f'PRAGMA table_xinfo("{name}")').fetchall(),
                    sorted(r[2:] for r in connection.execute(f'PRAGMA foreign_key_list("{name}")')),
                    sorted(
                        (
                            unique,
                            origin,
                            partial,
                            tuple(
                                c[2] for c in connection.execute(f'PRAGMA index_info("{index}")')
                            ),
                        )
                        for _seq, index, unique, origin, partial in indexes
                    ),
                    "AUTOINCREMENT" in sql,
                )
        return shape
    finally:
        connection.close()


FTS_SHADOWS = ("_data", "_idx", "_docsize", "_config")


def test_the_script_makes_what_the_revisions_make(tmp_path: Path) -> None:
    by_revisions = tmp_path / "revisions.db"
    store = Store(f"sqlite:///{by_revisions}")
    migrate._upgrade(store)  # the revisions, as planterm runs them on an older file
    store.dispose()
    fix = f"make it again: python -m planterm.storage.head_schema {by_revisions}"
    assert head_schema.REVISION == migrate.HEAD_REVISION, fix
    by_script = tmp_path / "script.db"
    new_store(by_script).dispose()
    assert _shape(by_script) == _shape(by_revisions), fix


def test_a_new_file_made_by_the_script_is_current_and_searchable(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        assert migrate.prepare(store, now=NOW).created
        assert migrate.current_revision(store) == migrate.HEAD_REVISION
        with store.write() as session:
            connection = session.connection()
            for table in ("action_fts", "update_fts"):
                connection.exec_driver_sql(
                    f"INSERT INTO {table}({table}) VALUES ('integrity-check')"
                )
    finally:
        store.dispose()


def test_a_new_file_imports_no_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from planterm.storage import migrate\n"
        "from planterm.storage.store import Store\n"
        "migrate.prepare(Store(f'sqlite:///{sys.argv[1]}'), now=datetime.now(UTC))\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "new.db")],
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "False"
