"""index chunks by document

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-10 09:00:00
"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_index("ix_chunk_document_id", "chunk", ["document_id"])
