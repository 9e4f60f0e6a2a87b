"""Alembic environment: runs on the connection planterm hands it.

planterm never runs Alembic from an ini file: `planterm.storage.migrate`
builds the Config and passes an open connection in `config.attributes`.
"""

from alembic import context
from sqlmodel import SQLModel

import planterm.domain.models  # noqa: F401  (registers the tables)
from planterm.storage.migrate import include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
