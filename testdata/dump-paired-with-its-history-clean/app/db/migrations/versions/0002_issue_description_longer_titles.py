"""issue description, longer project titles

Revision ID: 0002
Revises: 0001
Create Date: 2024-08-21 15:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("issues", sa.Column("description", sa.Text(), nullable=True))
    op.alter_column("projects", "title", existing_type=sa.String(length=80), type_=sa.String(length=120))


def downgrade() -> None:
    op.alter_column("projects", "title", existing_type=sa.String(length=120), type_=sa.String(length=80))
    op.drop_column("issues", "description")
