"""customer vat number

Revision ID: 5bd0e8f3c611
Revises: a41c7d2e9b13
Create Date: 2024-09-30 16:02:47
"""
import sqlalchemy as sa
from alembic import op

revision = "5bd0e8f3c611"
down_revision = "a41c7d2e9b13"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("vat_number", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("customers", "vat_number")
