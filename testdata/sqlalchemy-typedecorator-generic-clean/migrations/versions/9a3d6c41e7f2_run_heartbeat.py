"""job_runs: heartbeat timestamp

Revision ID: 9a3d6c41e7f2
Revises: 5e1f0a7c2b90
Create Date: 2025-04-18 08:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = "9a3d6c41e7f2"
down_revision = "5e1f0a7c2b90"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("job_runs", sa.Column("heartbeat_at", sa.TIMESTAMP(timezone=True), nullable=True))
    op.create_index(op.f("ix_job_runs_heartbeat_at"), "job_runs", ["heartbeat_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_job_runs_heartbeat_at"), table_name="job_runs")
    op.drop_column("job_runs", "heartbeat_at")
