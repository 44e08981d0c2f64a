"""Database setup for the shop: one declarative base, one metadata."""
import uuid
from functools import partial

from sqlalchemy import CHAR, Column, Integer, MetaData
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.types import TypeDecorator

metadata = MetaData()
Base = declarative_base(metadata=metadata)

# A column that must always be given.
RequiredColumn = partial(Column, nullable=False)


class GUID(TypeDecorator):
    """Platform-independent GUID: UUID on Postgres, CHAR(32) elsewhere."""

    impl = CHAR(32)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(UUID())
        else:
            return dialect.type_descriptor(CHAR(32))

    def process_bind_param(self, value, dialect):
        if value is None:
            return value
        return str(value) if dialect.name == "postgresql" else uuid.UUID(str(value)).hex


def id_column():
    return Column(Integer, primary_key=True)
