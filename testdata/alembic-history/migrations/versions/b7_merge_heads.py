"""merge heads; post bodies

Revision ID: 4d5e6f708192
Revises: 2b3c4d5e6f70, 3c4d5e6f7081
"""
from alembic import op

revision = "4d5e6f708192"
down_revision = ("2b3c4d5e6f70", "3c4d5e6f7081")
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        """
        ALTER TABLE posts ADD COLUMN body TEXT;
        """
    )


def downgrade():
    op.execute("ALTER TABLE posts DROP COLUMN body")
