"""`python -m shop.bootstrap`: set up a new shop database.

How the first databases were made: tables straight from the models, then stamped at the newest
revision. Since the base revision creates the tables, `alembic upgrade head` does the same.
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
