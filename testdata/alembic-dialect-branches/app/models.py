from sqlalchemy import Column, DateTime, Integer, String, Text, func
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Note(Base):
    __tablename__ = "notes"

    id = Column(Integer, primary_key=True)
    body = Column(Text, nullable=False)
    title = Column(String(80), nullable=True)  # expect: column-type-mismatch
    created_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)
