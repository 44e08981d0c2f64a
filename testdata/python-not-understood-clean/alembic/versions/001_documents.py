"""documents

Revision ID: 001
"""
import sqlalchemy as sa
from alembic import op

revision = "001"
down_revision = None


def upgrade():
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("embedding", sa.dialects.postgresql.JSONB()),
    )
    op.create_table("acme_events", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("payload", sa.Text()))


def downgrade():
    op.drop_table("documents")
