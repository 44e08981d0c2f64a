import pytest
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base

ScratchBase = declarative_base()


class Scratch(ScratchBase):
    __tablename__ = "scratch_rows"

    id = Column(Integer, primary_key=True)
    label = Column(String(20))


@pytest.fixture
def engine():
    engine = create_engine("sqlite:///:memory:")
    ScratchBase.metadata.create_all(engine)
    return engine
