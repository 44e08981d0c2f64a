"""FAQ automation. Declared on the legacy Base."""
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text, func

from app.models.base import Base


class FAQCandidate(Base):
    __tablename__ = "faq_candidates"

    id = Column(Integer, primary_key=True)
    question = Column(Text, nullable=False)
    suggested_answer = Column(Text)
    approved_by = Column(Integer, ForeignKey("user.id"))
    created_at = Column(DateTime(timezone=True), server_default=func.now())


class FAQEntry(Base):
    __tablename__ = "faq_entries"

    id = Column(Integer, primary_key=True)
    candidate_id = Column(Integer, ForeignKey("faq_candidates.id"))
    question = Column(String(500), nullable=False)
    answer = Column(Text, nullable=False)
    published = Column(Boolean, nullable=False, default=False)
