"""Expert feedback and quality analysis. Declared on the legacy Base."""
from datetime import datetime
from typing import Optional
from uuid import UUID

from sqlalchemy import Column, DateTime, Float, ForeignKey, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import UUID as PostgreSQLUUID
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class ExpertProfile(Base):  # expect: metadata-not-migrated
    __tablename__ = "expert_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[UUID] = mapped_column(  # expect: column-type-mismatch, foreign-key-type-mismatch
        PostgreSQLUUID(as_uuid=True),
        ForeignKey("user.id", ondelete="CASCADE"),
        unique=True,
        nullable=False,
    )
    specialty: Mapped[Optional[str]] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class QualityMetric(Base):  # expect: metadata-not-migrated
    __tablename__ = "quality_metrics"

    id = Column(Integer, primary_key=True)
    expert_id = Column(Integer, ForeignKey("expert_profiles.id"), nullable=False)
    score = Column(Float, nullable=False)


class PromptTemplate(Base):  # expect: metadata-not-migrated
    __tablename__ = "prompt_templates"

    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False, unique=True)
    body = Column(Text, nullable=False)
