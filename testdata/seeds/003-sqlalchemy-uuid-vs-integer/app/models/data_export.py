"""GDPR data export. Declared on the legacy Base."""
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.dialects.postgresql import UUID

from app.models.base import Base


class DataExportRequest(Base):  # expect: metadata-not-migrated
    __tablename__ = "data_export_requests"

    id = Column(Integer, primary_key=True)
    user_id = Column(UUID(as_uuid=True), ForeignKey("user.id"), nullable=False)  # expect: foreign-key-type-mismatch
    status = Column(String(20), nullable=False)
    requested_at = Column(DateTime(timezone=True), server_default=func.now())


class ExportedQuery(Base):  # expect: duplicate-table-definition
    """The export's view of query_history, which app/models/query_history.py also declares."""

    __tablename__ = "query_history"

    id = Column(Integer, primary_key=True)
    user_id = Column(UUID(as_uuid=True), ForeignKey("user.id"), nullable=False)  # expect: column-type-mismatch, foreign-key-type-mismatch
    query = Column(String(2000), nullable=False)
    response_time_ms = Column(Integer)
    created_at = Column(DateTime, nullable=False)
