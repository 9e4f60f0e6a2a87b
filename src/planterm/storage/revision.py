"""The schema revision this planterm writes, known without importing Alembic.

`tests/storage/test_migrations.py` holds it equal to the newest revision in
`storage/migrations`.
"""

HEAD_REVISION = "0007"
