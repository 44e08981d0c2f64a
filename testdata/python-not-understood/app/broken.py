from sqlalchemy import Column, Integer

from app.models import Base


class Draft(Base):
    __tablename__ = "drafts"
    id = Column(Integer, primary_key=True  # expect: parse-error
    title = Column(Integer)
