"""Example from docs/quickstart.md: a minimal catalog to follow the tutorial with.

It is deliberately smaller than the real schema in catalog/models.py.
"""
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Book(Base):
    __tablename__ = "books"

    id = Column(Integer, primary_key=True)
    title = Column(String, nullable=False)
    author = Column(String)
