from alembic import context
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers the models)


config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online():
    connectable = context.config.attributes.get("connection")
    context.configure(connection=connectable, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
