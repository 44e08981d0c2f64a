from datetime import datetime
from typing import Optional

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(10), unique=True)
    title: Mapped[str] = mapped_column(String(120))


class Issue(Base):
    __tablename__ = "issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(String(255))
    description: Mapped[Optional[str]] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        Index("ix_issues_summary_words", text("to_tsvector('english', summary)"), postgresql_using="gin"),
        Index("ix_issues_open", "project_id", postgresql_where=text("description IS NOT NULL")),
        Index(
            "ix_issues_recent_open",
            "project_id",
            opened_at.desc(),
            postgresql_where=text("description IS NOT NULL"),
        ),
    )
