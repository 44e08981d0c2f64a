from enum import Enum
from typing import Optional

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel


class ReviewStatus(str, Enum):
    PENDING = "pending_review"
    DONE = "done"


class Review(SQLModel, table=True):
    __tablename__ = "reviews"

    id: Optional[int] = Field(default=None, primary_key=True)
    # pydantic fills these defaults on every insert; the database defaults agree.
    status: str = Field(  # expect: column-default-mismatch@info
        default=ReviewStatus.PENDING.value,
        sa_column=Column(String(32), nullable=False),
    )
    reviewer_name: str = Field(default="", sa_column=Column(String(255), nullable=False))  # expect: column-default-mismatch@info
