"""merge documents and usage tracking heads

Revision ID: 8f2d6b0c1e47
Revises: 0b7d4f2e8a10, c4a9e3f1d2b8
Create Date: 2025-07-21 11:30:00
"""
revision = "8f2d6b0c1e47"
down_revision = ("0b7d4f2e8a10", "c4a9e3f1d2b8")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
