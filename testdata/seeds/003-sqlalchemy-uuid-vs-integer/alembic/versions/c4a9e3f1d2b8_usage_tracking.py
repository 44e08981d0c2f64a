"""usage tracking

Revision ID: c4a9e3f1d2b8
Revises: 5e1c0a7d9b21
Create Date: 2025-07-15 09:02:17
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "c4a9e3f1d2b8"
down_revision = "5e1c0a7d9b21"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usage_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("event_type", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "cost_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("threshold_eur", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("cost_alerts")
    op.drop_table("usage_events")
