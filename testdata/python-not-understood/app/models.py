from sqlalchemy import Column, Integer, String, Text
from sqlalchemy.orm import declarative_base

from app.settings import TENANT
from app.vector import vector_type

Base = declarative_base()


class Event(Base):
    __tablename__ = f"{TENANT}_events"  # expect: construct-not-understood

    id = Column(Integer, primary_key=True)
    payload = Column(Text)


class Document(Base):
    __tablename__ = "documents"

    id = Column(Integer, primary_key=True)
    title = Column(String(200), nullable=False)
    embedding = Column(vector_type(1536))  # expect: construct-not-understood
