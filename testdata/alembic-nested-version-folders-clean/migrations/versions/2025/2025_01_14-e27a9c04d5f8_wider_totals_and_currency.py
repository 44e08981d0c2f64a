"""wider invoice totals, invoice currency

Revision ID: e27a9c04d5f8
Revises: 5bd0e8f3c611
Create Date: 2025-01-14 09:15:03
"""
import sqlalchemy as sa
from alembic import op

revision = "e27a9c04d5f8"
down_revision = "5bd0e8f3c611"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column(
        "invoices",
        "total",
        existing_type=sa.Numeric(precision=10, scale=2),
        type_=sa.Numeric(precision=14, scale=2),
        existing_nullable=False,
    )
    op.add_column("invoices", sa.Column("currency", sa.String(length=3), server_default="EUR", nullable=False))


def downgrade() -> None:
    op.drop_column("invoices", "currency")
    op.alter_column("invoices", "total", existing_type=sa.Numeric(precision=14, scale=2), type_=sa.Numeric(precision=10, scale=2))
