"""The floors: planterm's read queries in raw sqlite3, from a bare Python process.

Run as a script (`python bench/floor.py KIND DB TODAY [WORD]`) it imports
nothing but the standard library, so its whole-process time is what the
query costs with no framework in the way: Python start, `import sqlite3`,
the SQL, and the JSON on standard output. The harness times it; the tests
call `query` directly and compare its rows with planterm's own commands.

The SQL follows `planterm.storage.queries.action_rows` (a row per action with
its plan, theme, status and update counts, in plan order) and the overdue
rule of `planterm.domain.rules.is_overdue` (due before today, not done).
"""

import json
import sqlite3
import sys
from typing import Any

KINDS = ("overdue", "list", "summary", "search")

_ROWS = """
SELECT p.key AS plan, t.name AS theme, a.ref, a.text, a.owner, s.key AS status,
       a.due, a.start_after,
       (SELECT max(u.date) FROM progress_update u
        WHERE u.action_id = a.id AND u.removed_at IS NULL) AS last_update,
       (SELECT count(*) FROM progress_update u
        WHERE u.action_id = a.id AND u.removed_at IS NULL) AS update_count,
       (SELECT group_concat(name, '|') FROM (
            SELECT g.name FROM action_lead l JOIN agency g ON g.id = l.agency_id
            WHERE l.action_id = a.id ORDER BY l.position)) AS leads
FROM action a
JOIN theme t ON t.id = a.theme_id
JOIN plan p ON p.id = a.plan_id
LEFT JOIN status s ON s.id = a.status_id
{where}
ORDER BY p.key, t.position, a.position, a.id
"""

LIST_SQL = _ROWS.format(where="")
OVERDUE_SQL = _ROWS.format(
    where="WHERE a.due IS NOT NULL AND a.due < :today "
    "AND (s.category IS NULL OR s.category != 'done')"
)
SEARCH_SQL = _ROWS.format(
    where="WHERE a.id IN (SELECT rowid FROM action_fts WHERE action_fts MATCH :q "
    "UNION SELECT u.action_id FROM update_fts "
    "JOIN progress_update u INDEXED BY ix_update_search ON u.id = update_fts.rowid "
    "WHERE update_fts MATCH :q AND u.removed_at IS NULL)"
)
SUMMARY_SQL = """
SELECT p.key AS plan, t.name AS theme, COALESCE(s.key, 'untriaged') AS status, count(*) AS n
FROM action a
JOIN plan p ON p.id = a.plan_id
JOIN theme t ON t.id = a.theme_id
LEFT JOIN status s ON s.id = a.status_id
GROUP BY p.key, t.position, t.name, s.key
ORDER BY p.key, t.position
"""


def fts_match(word: str) -> str:
    """The FTS5 query planterm makes of one search word: a quoted prefix."""
    return f'"{word}"*'


def query(kind: str, db: str, today: str, word: str = "") -> list[dict[str, Any]]:
    """The rows of one floor query, as dictionaries, read-only."""
    sql = {"overdue": OVERDUE_SQL, "list": LIST_SQL, "summary": SUMMARY_SQL,
           "search": SEARCH_SQL}[kind]  # fmt: skip
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        found = connection.execute(sql, {"today": today, "q": fts_match(word)})
        return [dict(row) for row in found]
    finally:
        connection.close()


def main(argv: list[str]) -> int:
    kind, db, today, *rest = argv
    rows = query(kind, db, today, rest[0] if rest else "")
    text = json.dumps(rows, ensure_ascii=False, indent=2)  # as planterm's --json writes
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
