from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Project(Base):
    __tablename__ = "projects"

    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False)
    settings = Column(JSON)
    created_at = Column(DateTime, server_default=func.now())
    archived_at = Column(DateTime)
    labels = Column(JSON)


class Run(Base):
    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_project_id_created_at", "project_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    project_id = Column(Integer, ForeignKey("projects.id"), nullable=False)
    settings = Column(JSON)
    created_at = Column(DateTime, server_default=func.now())
    priority = Column(Integer, server_default="0", nullable=False)
