import enum

from sqlalchemy import Column, Enum, Integer, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class JobState(enum.Enum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"
    cancelled = "cancelled"


class Job(Base):
    __tablename__ = "jobs"

    id = Column(Integer, primary_key=True)
    state = Column(Enum(JobState, name="job_state"), nullable=False)  # expect: enum-values-mismatch
    log = Column(Text, nullable=False)  # expect: column-nullability-mismatch
