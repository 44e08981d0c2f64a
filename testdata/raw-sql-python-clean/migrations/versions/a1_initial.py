"""initial

Revision ID: a1b2c3d4e5f6
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "a1b2c3d4e5f6"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(255), nullable=False, unique=True),
        sa.Column("fullname", sa.String(120), nullable=True),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=True),
    )
    # Raw SQL in a migration runs against the schema of its time: the Alembic replay reads it.
    op.execute("UPDATE users SET email = lower(email)")


def downgrade():
    op.drop_table("orders")
    op.drop_table("users")
