"""projects and runs"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

_TABLES = ("projects", "runs")


def upgrade():
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
    )
    for table in _TABLES:
        op.add_column(table, sa.Column("created_at", sa.DateTime(), server_default=sa.func.now()))
