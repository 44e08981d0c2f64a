import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import Column, DateTime, Enum, ForeignKey, Integer, String, func
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class BookStatus(enum.Enum):
    available = "available"
    on_loan = "on_loan"
    lost = "lost"


class Book(Base):
    __tablename__ = "books"

    id = Column(Integer, primary_key=True)
    isbn = Column(String(13), nullable=False, unique=True)
    title = Column(String(300), nullable=False)
    status = Column(Enum(BookStatus, name="book_status"), nullable=False, server_default="available")

    loans = relationship("Loan", back_populates="book")


class Loan(Base):
    __tablename__ = "loans"

    id = Column(Integer, primary_key=True)
    book_id = Column(Integer, ForeignKey("books.id"), nullable=False)
    borrower = Column(String(120), nullable=False)
    lent_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    returned_at = Column(DateTime(timezone=True))

    book = relationship("Book", back_populates="loans")
