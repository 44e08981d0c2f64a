import enum
from typing import Any, Optional

from datetime import datetime

from sqlalchemy import BigInteger, Enum, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base
from app.db.types import intpk, str50
from app.models.mixins import OwnedMixin, PluralTableMixin, TimestampMixin


class Role(enum.Enum):
    ADMIN = "admin"
    MEMBER = "member"


class User(TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        Index("ix_users_active_email", "email", postgresql_where=text("deleted_at IS NULL")),
    )

    id: Mapped[intpk]
    email: Mapped[str] = mapped_column(unique=True)
    nickname: Mapped[str50 | None]
    profile: Mapped[dict[str, Any]] = mapped_column(default=dict)
    role: Mapped[Role] = mapped_column(
        Enum(Role, name="user_role", values_callable=lambda e: [m.value for m in e]),
        server_default="member",
    )
    legacy_id: Mapped[Optional[int]] = mapped_column("LegacyId", BigInteger)
    deleted_at: Mapped[Optional[datetime]]

    projects: Mapped[list["Project"]] = relationship(back_populates="owner")


class Project(PluralTableMixin, OwnedMixin, TimestampMixin, Base):
    id: Mapped[intpk]
    title: Mapped[str50]

    owner: Mapped[User] = relationship(back_populates="projects")


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str]

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "employee"}


class Manager(Employee):
    budget: Mapped[Optional[int]]

    __mapper_args__ = {"polymorphic_identity": "manager"}


class Engineer(Employee):
    __tablename__ = "engineers"

    id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    language: Mapped[str50]

    __mapper_args__ = {"polymorphic_identity": "engineer"}
