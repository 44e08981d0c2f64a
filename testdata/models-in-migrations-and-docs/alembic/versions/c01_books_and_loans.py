"""books and loans

Revision ID: c01a9e2d4b10
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "c01a9e2d4b10"
down_revision = None


def upgrade():
    op.create_table(
        "books",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("isbn", sa.String(13), nullable=False, unique=True),
        sa.Column("title", sa.String(300), nullable=False),
    )
    op.create_table(
        "loans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("book_id", sa.Integer(), sa.ForeignKey("books.id"), nullable=False),
        sa.Column("borrower", sa.String(120), nullable=False),
        sa.Column("lent_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade():
    op.drop_table("loans")
    op.drop_table("books")
