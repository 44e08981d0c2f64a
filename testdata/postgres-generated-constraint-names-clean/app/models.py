from sqlalchemy import CheckConstraint, Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Team(Base):
    __tablename__ = "teams"

    id = Column(Integer, primary_key=True)
    slug = Column(String(40), nullable=False)


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (CheckConstraint("seats > 0"),)

    id = Column(Integer, primary_key=True)
    team_id = Column(Integer, nullable=False)
    seats = Column(Integer, nullable=False)
