"""Alembic environment: the app's engine and metadata; batch mode so SQLite can alter tables."""

from alembic import context
from flask import current_app

target_db = current_app.extensions["migrate"].db


def run_migrations_online() -> None:
    engine = target_db.engine
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_db.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=str(target_db.engine.url), target_metadata=target_db.metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
