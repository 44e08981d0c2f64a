"""audit entries, longer titles

Revision ID: 0002
Revises: 0001
Create Date: 2025-07-02 16:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.alter_column("articles", "title", type_=sa.String(length=160), existing_nullable=False)


def downgrade():
    op.alter_column("articles", "title", type_=sa.String(length=120), existing_nullable=False)
    op.drop_table("audit_entries")
