"""scheduled tasks and their runs

Revision ID: 7c21e5a90b13
Revises:
Create Date: 2025-10-02 08:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = "7c21e5a90b13"
down_revision = None


def upgrade():
    op.create_table(
        "scheduledtask",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("crontab", sa.String(length=240), nullable=False),
        sa.Column("next_run", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "taskrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["scheduledtask.id"]),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    op.drop_table("taskrun")
    op.drop_table("scheduledtask")
