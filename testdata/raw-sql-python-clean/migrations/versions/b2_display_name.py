"""display name

Revision ID: b2c3d4e5f6a7
Revises: a1b2c3d4e5f6
"""
import sqlalchemy as sa
from alembic import op

revision = "b2c3d4e5f6a7"
down_revision = "a1b2c3d4e5f6"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "fullname", new_column_name="display_name")
    conn = op.get_bind()
    # A data migration: it ran before later migrations, against the columns of its time.
    conn.execute(sa.text("UPDATE orders SET status = 'new' WHERE status IS NULL AND legacy_flag = 1"))
    op.alter_column("orders", "status", nullable=False)


def downgrade():
    op.alter_column("users", "display_name", new_column_name="fullname")
