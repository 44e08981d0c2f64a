"""GDPR data export. Declared on the legacy Base; query_history is app.models.QueryHistory."""
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, func

from app.models.base import Base


class DataExportRequest(Base):
    __tablename__ = "data_export_requests"

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("user.id"), nullable=False)
    status = Column(String(20), nullable=False)
    requested_at = Column(DateTime(timezone=True), server_default=func.now())

