from datetime import datetime
from typing import Any, Optional, TypedDict

from sqlalchemy import JSON, ForeignKey, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.types import UtcTimeStamp


class RunOutput(TypedDict, total=False):
    result: Any


class Base(DeclarativeBase):
    type_annotation_map = {RunOutput: JSON}


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcTimeStamp, server_default=func.now())


class JobRun(Base):
    __tablename__ = "job_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcTimeStamp, nullable=False)
    output: Mapped[RunOutput]  # expect: column-nullability-mismatch
    finished_at: Mapped[Optional[datetime]] = mapped_column(UtcTimeStamp)
    heartbeat_at: Mapped[Optional[datetime]] = mapped_column(UtcTimeStamp, index=True)  # expect: column-type-mismatch
