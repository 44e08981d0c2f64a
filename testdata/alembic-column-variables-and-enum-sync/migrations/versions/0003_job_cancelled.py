"""a cancelled state, through the early (old_values, new_values) signature, which appends"""

from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.sync_enum_values("public", "job_state", ["queued", "running", "done"], ["cancelled", "queued", "running", "done"])
