"""`python -m shop.bootstrap`: set up a new shop database.

The tables are created straight from the models, then the database is stamped at the newest
revision so that `alembic upgrade head` only runs what comes after.
"""
import os

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from shop.models import Base


def main() -> None:
    engine = create_engine(os.environ["SHOP_DATABASE_URL"])
    Base.metadata.create_all(engine)
    command.stamp(Config("alembic.ini"), "head")


if __name__ == "__main__":
    main()
