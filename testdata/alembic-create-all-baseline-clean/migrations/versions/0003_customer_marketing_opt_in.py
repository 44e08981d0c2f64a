"""marketing opt-in for customers

Revision ID: 0003
Revises: 0002
Create Date: 2024-05-02 10:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "customers",
        sa.Column("marketing_opt_in", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("customers", "marketing_opt_in")
