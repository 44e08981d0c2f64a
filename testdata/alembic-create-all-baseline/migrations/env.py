from alembic import context
from sqlalchemy import engine_from_config, pool

from shop.models import Base

config = context.config
target_metadata = Base.metadata

# The first databases were made with Base.metadata.create_all() (see shop/bootstrap.py) and
# then `alembic stamp head`: the base revision is empty, and the history only holds what changed
# after that.


def run_migrations_online() -> None:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
