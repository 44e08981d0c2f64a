from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base

from app.types import TITLE_LENGTH, JSONDocument

if TYPE_CHECKING:
    from sqlalchemy.orm import DeclarativeBase

    class Base(DeclarativeBase):
        pass
else:
    Base = declarative_base()

    class AuditEntry(Base):  # expect: table-missing-from-database
        """Only defined at runtime: the type checker never sees it."""

        __tablename__ = "audit_entries"

        id = Column(Integer, primary_key=True)
        action = Column(String(40), nullable=False)


class Article(Base):
    __tablename__ = "articles"

    id = Column(Integer, primary_key=True)
    title = Column(String(TITLE_LENGTH), nullable=False)  # expect: column-type-mismatch
    body = Column(JSONDocument, nullable=False)


class Comment(Base):
    __tablename__ = "comments"

    id = Column(Integer, primary_key=True)
    article_id = Column(Integer, ForeignKey("articles.id"), nullable=False)
    text = Column(String(500), nullable=False)
