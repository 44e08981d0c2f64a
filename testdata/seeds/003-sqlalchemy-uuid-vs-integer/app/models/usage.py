"""Usage tracking. user_id predates the user table's integer key and was never linked to it."""
from datetime import datetime
from decimal import Decimal
from typing import Optional

from sqlmodel import Field, SQLModel


class UsageEvent(SQLModel, table=True):
    __tablename__ = "usage_events"

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: str = Field(max_length=50)  # expect: id-column-without-foreign-key@warning, inconsistent-key-column-type@warning
    event_type: str = Field(max_length=50)
    tokens: int = 0
    created_at: datetime = Field(default_factory=datetime.utcnow)


class CostAlert(SQLModel, table=True):
    __tablename__ = "cost_alerts"

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: str = Field(max_length=50)  # expect: id-column-without-foreign-key@warning, inconsistent-key-column-type@warning
    threshold_eur: Decimal = Field(max_digits=10, decimal_places=2)
    created_at: datetime = Field(default_factory=datetime.utcnow)
