from sqlalchemy import Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Editor(Base):
    __tablename__ = "editors"

    id = Column(Integer, primary_key=True)
    username = Column(String(255), nullable=False, unique=True)


class Note(Base):
    __tablename__ = "notes"

    id = Column(Integer, primary_key=True)
    editor_id = Column(Integer, ForeignKey("editors.id"))  # expect: foreign-key-missing-from-database, foreign-key-missing-from-models@info
    body = Column(Text, nullable=False)
