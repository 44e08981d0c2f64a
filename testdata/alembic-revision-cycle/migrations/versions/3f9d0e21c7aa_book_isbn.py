"""book isbn

Revision ID: 3f9d0e21c7aa
Revises: 7c1e9a0b2d44
Create Date: 2025-05-06 11:40:02.001944
"""
import sqlalchemy as sa
from alembic import op

revision = "3f9d0e21c7aa"
down_revision = "7c1e9a0b2d44"  # expect: migration-history-conflict
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("books", sa.Column("isbn", sa.String(length=13), nullable=True))


def downgrade() -> None:
    pass
