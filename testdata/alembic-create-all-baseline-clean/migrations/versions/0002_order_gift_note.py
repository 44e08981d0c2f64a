"""gift note on orders

Revision ID: 0002
Revises: 0001
Create Date: 2024-03-18 14:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("gift_note", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("orders", "gift_note")
