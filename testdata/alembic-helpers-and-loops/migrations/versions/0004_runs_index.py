"""an index on runs, built concurrently on Postgres"""

from alembic import op

revision = "0004"
down_revision = "0003"


def _use_concurrently():
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    concurrently = _use_concurrently()
    op.execute(
        f"CREATE INDEX {'CONCURRENTLY ' if concurrently else ''}IF NOT EXISTS "
        "ix_runs_project_id_created_at ON runs (project_id, created_at)"
    )
