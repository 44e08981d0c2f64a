import logging

from alembic import context
from flask import current_app

config = context.config
logger = logging.getLogger("alembic.env")

db_names = config.get_main_option("databases", "")
target_db = current_app.extensions["migrate"].db


def get_metadata(bind):
    """The metadata of one bind: the default database under the empty name."""
    if bind == "":
        bind = None
    return target_db.metadatas[bind]


def run_migrations_online():
    engines = {"": {"engine": target_db.engine}}
    for name in db_names.split(","):
        name = name.strip()
        if name:
            engines[name] = {"engine": target_db.engines[name]}
    for name, rec in engines.items():
        with rec["engine"].connect() as connection:
            context.configure(connection=connection, upgrade_token=f"{name}_upgrades", target_metadata=get_metadata(name))
            with context.begin_transaction():
                context.run_migrations(engine_name=name)


run_migrations_online()
