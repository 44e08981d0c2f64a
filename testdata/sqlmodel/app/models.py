import uuid
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Optional

from sqlalchemy import Column, DateTime, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, Relationship, SQLModel


class Priority(str, Enum):
    low = "low"
    high = "high"


class TeamBase(SQLModel):
    """Fields shared by the API schemas and the table."""

    name: str = Field(max_length=80, index=True)
    headquarters: str


class Team(TeamBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    heroes: list["Hero"] = Relationship(back_populates="team")


class TeamCreate(TeamBase):
    pass


class Hero(SQLModel, table=True):
    __tablename__ = "heroes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(unique=True)
    secret_name: str
    age: Optional[int] = Field(default=None, index=True)
    power: Decimal = Field(default=0, max_digits=6, decimal_places=2)
    priority: Priority = Field(default=Priority.low)
    attributes: dict = Field(default_factory=dict, sa_type=JSONB)
    team_id: Optional[int] = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    created_at: datetime = Field(
        sa_column=Column(DateTime(timezone=True), server_default=func.now(), nullable=False)
    )
    notes: str | None = Field(default=None, sa_column_kwargs={"server_default": text("''")})

    team: Optional[Team] = Relationship(back_populates="heroes")
