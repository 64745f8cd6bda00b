"""Alembic environment: run the revisions on the connection ``pg_migrate.upgrade`` opened.

There is no offline mode and no autogeneration: every revision is hand-written SQL, run
as the migration role inside the one transaction (and advisory lock) ``upgrade`` holds.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
