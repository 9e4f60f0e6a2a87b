"""A new SQLite file made at the head schema in one script: what the revisions make, at once.

Running the revisions on an empty file costs half a second on every new
database (Alembic imported, four revisions, and revision 0004 rebuilding
every table that 0001 has just made): the first thing an import into a new
file waits for. `STATEMENTS` is the schema the revisions leave, as SQLite
keeps it (`sqlite_master`), so a new SQLite file gets it with sqlite3 alone.

The tables still come from the revisions: `tests/storage/test_head_schema.py`
makes a file both ways and holds them to the same schema, and `REVISION` to
the head; a new revision fails that test until this file is made again with
`python -m planterm.storage.head_schema DB` on a file the revisions made.
"""

# ruff: noqa: E501  (STATEMENTS is SQLite's own text, as generated)

import sqlite3
import sys

REVISION = "0007"

STATEMENTS = (
    "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)",
    "CREATE TABLE action_lead (\n\taction_id INTEGER NOT NULL, \n\tagency_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, \n\tPRIMARY KEY (action_id, agency_id), \n\tFOREIGN KEY(action_id) REFERENCES action (id) ON DELETE CASCADE, \n\tFOREIGN KEY(agency_id) REFERENCES agency (id)\n)",
    "CREATE INDEX ix_action_lead_agency_id ON action_lead (agency_id)",
    "CREATE VIRTUAL TABLE action_fts USING fts5(text, content='action', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE update_fts USING fts5(body, content='progress_update', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    'CREATE TABLE "agency" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\tname VARCHAR NOT NULL, \n\taliases JSON NOT NULL, \n\tUNIQUE (name)\n)',
    'CREATE TABLE "plan" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\t"key" VARCHAR NOT NULL, \n\ttitle VARCHAR NOT NULL, \n\tissuing_body VARCHAR NOT NULL, \n\tsource_document VARCHAR, \n\tperiod VARCHAR, \n\tvision VARCHAR, \n\tmission VARCHAR, \n\tdescription VARCHAR, \n\tscheme_key VARCHAR NOT NULL, \n\tscheme_name VARCHAR NOT NULL, \n\tcreated_at DATETIME NOT NULL, \n\tmodified_at DATETIME NOT NULL, \n\tversion INTEGER NOT NULL, \n\tUNIQUE ("key")\n)',
    'CREATE TABLE "status" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\tplan_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, \n\t"key" VARCHAR NOT NULL, \n\tlabel VARCHAR NOT NULL, \n\tmeaning VARCHAR NOT NULL, \n\tsymbol VARCHAR NOT NULL, \n\tcategory VARCHAR NOT NULL, \n\tcolour VARCHAR, \n\taliases JSON NOT NULL, \n\tFOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, \n\tUNIQUE (plan_id, "key")\n)',
    "CREATE INDEX ix_status_plan_id ON status (plan_id)",
    'CREATE TABLE "theme" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\tplan_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, \n\tname VARCHAR NOT NULL, \n\tdescription VARCHAR, \n\tFOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, \n\tUNIQUE (plan_id, name)\n)',
    "CREATE INDEX ix_theme_plan_id ON theme (plan_id)",
    'CREATE TABLE "action" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\tplan_id INTEGER NOT NULL, \n\ttheme_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, \n\tref VARCHAR NOT NULL, \n\ttext VARCHAR NOT NULL, \n\towner VARCHAR, \n\tstatus_id INTEGER, \n\tdue DATE, \n\tstart_after DATE, \n\tfields JSON NOT NULL, \n\tcreated_at DATETIME NOT NULL, \n\tmodified_at DATETIME NOT NULL, \n\tversion INTEGER NOT NULL, \n\tFOREIGN KEY(status_id) REFERENCES status (id), \n\tFOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, \n\tUNIQUE (plan_id, ref), \n\tFOREIGN KEY(theme_id) REFERENCES theme (id) ON DELETE CASCADE\n)',
    "CREATE INDEX ix_action_due ON action (due)",
    "CREATE INDEX ix_action_status_id ON action (status_id)",
    "CREATE INDEX ix_action_theme_id ON action (theme_id)",
    "CREATE INDEX ix_action_plan_id ON action (plan_id)",
    'CREATE TABLE "progress_update" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\taction_id INTEGER NOT NULL, \n\tdate DATE NOT NULL, \n\tperiod VARCHAR, \n\tauthor VARCHAR, \n\tbody VARCHAR NOT NULL, \n\tcreated_at DATETIME NOT NULL, \n\tremoved_at DATETIME, \n\tremoved_by VARCHAR, \n\tFOREIGN KEY(action_id) REFERENCES action (id) ON DELETE CASCADE\n)',
    "CREATE INDEX ix_progress_update_action_id ON progress_update (action_id)",
    'CREATE TABLE "status_change" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\taction_id INTEGER NOT NULL, \n\tat DATETIME NOT NULL, \n\tfrom_key VARCHAR, \n\tto_key VARCHAR, \n\t"by" VARCHAR NOT NULL, \n\treason VARCHAR, \n\tFOREIGN KEY(action_id) REFERENCES action (id) ON DELETE CASCADE\n)',
    "CREATE INDEX ix_status_change_action_id ON status_change (action_id)",
    'CREATE TABLE "update_revision" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\tupdate_id INTEGER NOT NULL, \n\tat DATETIME NOT NULL, \n\t"by" VARCHAR NOT NULL, \n\tchange VARCHAR NOT NULL, \n\tdate DATE NOT NULL, \n\tperiod VARCHAR, \n\tauthor VARCHAR, \n\tbody VARCHAR NOT NULL, \n\tFOREIGN KEY(update_id) REFERENCES progress_update (id) ON DELETE CASCADE\n)',
    "CREATE INDEX ix_update_revision_update_id ON update_revision (update_id)",
    "CREATE TRIGGER action_fts_insert AFTER INSERT ON action BEGIN INSERT INTO action_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER action_fts_delete AFTER DELETE ON action BEGIN INSERT INTO action_fts(action_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER action_fts_update AFTER UPDATE OF text ON action BEGIN INSERT INTO action_fts(action_fts, rowid, text) VALUES ('delete', old.id, old.text); INSERT INTO action_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER update_fts_insert AFTER INSERT ON progress_update BEGIN INSERT INTO update_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER update_fts_delete AFTER DELETE ON progress_update BEGIN INSERT INTO update_fts(update_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER update_fts_update AFTER UPDATE OF body ON progress_update BEGIN INSERT INTO update_fts(update_fts, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO update_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE INDEX ix_update_live ON progress_update (action_id, date) WHERE removed_at IS NULL",
    "CREATE INDEX ix_update_search ON progress_update (id, action_id, removed_at)",
)


def schema_statements(connection: sqlite3.Connection) -> list[str]:
    """The statements that make `connection`'s schema again, in the order it was made.

    Left out: what SQLite makes by itself (automatic indexes, `sqlite_sequence`,
    and the shadow tables of each full-text table).
    """
    found = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    virtual = [name for _type, name, sql in found if sql.startswith("CREATE VIRTUAL TABLE")]
    return [
        sql
        for type_, name, sql in found
        if name != "sqlite_sequence"
        and not (type_ == "table" and any(name.startswith(f"{v}_") for v in virtual))
    ]


def main(argv: list[str]) -> int:
    """Print `STATEMENTS` as read from the SQLite file `argv[0]`, to paste above."""
    connection = sqlite3.connect(f"file:{argv[0]}?mode=ro", uri=True)
    try:
        print("STATEMENTS = (")
        for sql in schema_statements(connection):
            print(f"    {sql!r},")
        print(")")
    finally:
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
