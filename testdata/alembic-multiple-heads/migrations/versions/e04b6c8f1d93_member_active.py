"""member active

Revision ID: e04b6c8f1d93
Revises: 7c1e9a0b2d44
Create Date: 2025-05-08 16:22:57.318472
"""
import sqlalchemy as sa
from alembic import op

revision = "e04b6c8f1d93"
down_revision = "7c1e9a0b2d44"  # expect: migration-history-conflict
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "members",
        sa.Column("active", sa.Boolean(), server_default="true", nullable=False),
    )


def downgrade() -> None:
    pass
