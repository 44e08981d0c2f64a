"""Shared by the API and the models; no database code here."""
from enum import Enum as PyEnum


class ArticleState(str, PyEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


class Audience(str, PyEnum):
    PUBLIC = "public"
    MEMBERS = "members"
