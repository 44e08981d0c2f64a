from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import app.models  # noqa: F401
from app.setup import create_missing_tables

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    """Creates missing model tables (like ``metadata.create_all()``), then runs the revisions."""
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        create_missing_tables(connection, target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
