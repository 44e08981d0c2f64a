"""baseline: the tables came from create_all(), then `alembic stamp head`

Revision ID: 0001
Revises:
Create Date: 2024-02-05 09:12:00
"""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
