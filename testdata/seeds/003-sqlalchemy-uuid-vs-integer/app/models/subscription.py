"""Billing. Declared on the legacy Base."""
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.dialects.postgresql import UUID

from app.models.base import Base


class Subscription(Base):  # expect: metadata-not-migrated
    __tablename__ = "subscriptions"

    id = Column(Integer, primary_key=True)
    user_id = Column(UUID(as_uuid=True), ForeignKey("user.id"), nullable=False)  # expect: column-type-mismatch, foreign-key-type-mismatch
    plan = Column(String(50), nullable=False)
    status = Column(String(20), nullable=False, server_default="active")
    created_at = Column(DateTime(timezone=True), server_default=func.now())


class SubscriptionEvent(Base):  # expect: metadata-not-migrated
    __tablename__ = "subscription_events"

    id = Column(Integer, primary_key=True)
    subscription_id = Column(Integer, ForeignKey("subscriptions.id"), nullable=False)
    kind = Column(String(30), nullable=False)
    created_at = Column(DateTime(timezone=True), server_default=func.now())
