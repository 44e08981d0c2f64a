from sqlalchemy import Column, Enum, Integer, String
from sqlalchemy.orm import declarative_base

from app.enums import ArticleState, Audience
from app.slugs import make_slug

Base = declarative_base()


class Article(Base):
    __tablename__ = "articles"

    id = Column(Integer, primary_key=True)
    # Stored as the member names in a VARCHAR as long as the longest: IN_REVIEW, 9 characters.
    state = Column(Enum(ArticleState, native_enum=False), nullable=False)  # expect: column-type-mismatch
    audience = Column(Enum(Audience, name="audience"), nullable=False)  # expect: enum-values-mismatch
    # The ORM sets a slug on insert; the database's own default never applies to it.
    slug = Column(String(40), nullable=False, default=make_slug)  # expect: column-default-mismatch@info
