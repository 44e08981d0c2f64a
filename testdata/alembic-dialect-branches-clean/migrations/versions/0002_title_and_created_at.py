"""title and created_at

Revision ID: 0002
Revises: 0001
Create Date: 2025-03-14 09:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def is_sqlite():
    return op.get_bind().dialect.name == "sqlite"


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # SQLite cannot alter a table in place: the batch rebuilds it.
        with op.batch_alter_table("notes") as batch_op:
            batch_op.add_column(sa.Column("title", sa.Text(), nullable=True))
    else:
        op.add_column("notes", sa.Column("title", sa.String(length=60), nullable=True))

    if is_sqlite():
        op.add_column("notes", sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False))
    else:
        op.add_column(
            "notes",
            sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        )


def downgrade():
    op.drop_column("notes", "created_at")
    op.drop_column("notes", "title")
