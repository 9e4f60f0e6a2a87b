"""Bring a database to the schema this planterm knows, safely.

- An empty database gets every revision, from the first; an empty SQLite
  file gets their result in one script instead (`storage.head_schema`, held
  by a test to what the revisions make).
- A database at an older revision is first backed up (`storage.backups`:
  SQLite's backup API, so the copy is consistent, into the backups folder
  beside it), then upgraded.
- A database from a newer planterm, or one that is not a planterm database,
  is refused and left as it is.

Alembic is imported only when there is work to do: the common case (the file
is already current) costs one small query.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from planterm.errors import StoreError
from planterm.storage import backups, head_schema
from planterm.storage.revision import HEAD_REVISION
from planterm.storage.store import Store, take_write_lock

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["HEAD_REVISION"]

SCRIPT_LOCATION = "planterm.storage:migrations"


FTS_TABLES = ("action_fts", "update_fts")
SEARCH_INDEXES = ("ix_action_text_search", "ix_update_body_search")
"""PostgreSQL's GIN indexes over text search (revision 0007), made by hand as well."""


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Keep the full-text tables and indexes (made by hand in revisions) out of autogenerate."""
    if type_ == "table" and name is not None:
        return not any(name == t or name.startswith(f"{t}_") for t in FTS_TABLES)
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return True


@dataclass(frozen=True)
class Preparation:
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None


def current_revision(store: Store) -> str | None:
    """The schema revision of the database, or None when it has no tables."""
    with store.read() as session:
        inspector = sa.inspect(session.connection())
        tables = set(inspector.get_table_names())
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise StoreError(
                "this database was not made by planterm",
                where=store.describe(),
                hint="give another file with --db",
            )
        row = session.connection().execute(sa.text("SELECT version_num FROM alembic_version"))
        revision = row.scalar()
        if revision is None:
            raise StoreError(
                "this planterm database has no schema version",
                where=store.describe(),
                hint="restore it from a backup",
            )
        return str(revision)


def known_revisions() -> list[str]:
    """Every revision this planterm ships, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def prepare(store: Store, *, now: datetime) -> Preparation:
    """Create or upgrade the schema of `store`'s database; see the module doc.

    `now` is the clock's time, which names a backup made before an upgrade.
    A driver failure a user can act on (a locked file, say) is one line.
    """
    with store.translated():
        return _prepare(store, now=now)


def _prepare(store: Store, *, now: datetime) -> Preparation:
    revision = current_revision(store)
    if revision == HEAD_REVISION:
        return Preparation()
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            f"this database was made by a newer planterm (schema {revision})",
            where=store.describe(),
            hint="upgrade planterm to open it",
        )
    if store.read_only:
        raise StoreError(
            "this database needs an upgrade, which read-only mode cannot do",
            where=store.describe(),
            hint="open it once without --read-only",
        )
    if revision is None and _create_at_head(store):
        return Preparation(created=True)
    backup = None
    if revision is not None and store.sqlite_path is not None:
        backup = backups.make_backup(store.sqlite_path, why=f"before-upgrade-{revision}", now=now)
    _upgrade(store)
    return Preparation(created=revision is None, upgraded_from=revision, backup=backup)


def _config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def _create_at_head(store: Store) -> bool:
    """Give an empty SQLite database the head schema in one script; False when it cannot.

    `head_schema.STATEMENTS` is what the revisions make (a test holds it so);
    running it takes milliseconds where Alembic takes half a second. Other
    engines, or a script left behind by a newer revision, go the Alembic way.
    """
    if store.dialect != "sqlite" or head_schema.REVISION != HEAD_REVISION:
        return False
    with store.writer_engine.begin() as connection:
        if connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            return False  # another planterm made it meanwhile: Alembic will find it current
        for sql in head_schema.STATEMENTS:
            connection.exec_driver_sql(sql)
        connection.exec_driver_sql(
            "INSERT INTO alembic_version (version_num) VALUES (?)", (HEAD_REVISION,)
        )
    return True


def _upgrade(store: Store) -> None:
    """Run the revisions in one write transaction.

    Alembic reads the current revision inside that transaction, after the
    write lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock), so a
    second process that raced here finds the work done and does nothing. On SQLite
    foreign keys are off while revisions rebuild tables (a rebuilt parent
    would otherwise cascade-delete its children) and are checked before the
    commit: a revision that broke one rolls back.
    """
    from alembic import command

    config = _config()
    sqlite = store.dialect == "sqlite"
    with store.writer_engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, as it must be
        try:
            with connection.begin():
                take_write_lock(connection)  # PostgreSQL: a second upgrade waits, then finds none
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise StoreError(
                            f"the upgrade would break {len(broken)} links between records",
                            where=store.describe(),
                            hint="nothing was changed; report this with the file",
                        )
        finally:
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")
