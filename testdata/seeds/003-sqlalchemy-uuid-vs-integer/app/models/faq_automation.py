"""FAQ automation. Declared on the legacy Base; no migration creates these tables."""
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from app.models.base import Base


class FAQCandidate(Base):  # expect: metadata-not-migrated
    __tablename__ = "faq_candidates"

    id = Column(Integer, primary_key=True)
    question = Column(Text, nullable=False)
    suggested_answer = Column(Text)
    approved_by = Column(PG_UUID(as_uuid=True), ForeignKey("user.id"))  # expect: foreign-key-type-mismatch
    created_at = Column(DateTime(timezone=True), server_default=func.now())


class FAQEntry(Base):  # expect: metadata-not-migrated
    __tablename__ = "faq_entries"

    id = Column(Integer, primary_key=True)
    candidate_id = Column(Integer, ForeignKey("faq_candidates.id"))
    question = Column(String(500), nullable=False)
    answer = Column(Text, nullable=False)
    published = Column(Boolean, nullable=False, default=False)
