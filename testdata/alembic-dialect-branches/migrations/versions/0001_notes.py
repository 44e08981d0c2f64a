"""notes

Revision ID: 0001
Revises:
Create Date: 2025-02-01 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("body", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("notes")
