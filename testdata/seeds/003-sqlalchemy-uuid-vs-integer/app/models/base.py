"""Legacy declarative base. Alembic's env.py targets SQLModel.metadata, not this one."""
from sqlalchemy.orm import declarative_base

Base = declarative_base()
