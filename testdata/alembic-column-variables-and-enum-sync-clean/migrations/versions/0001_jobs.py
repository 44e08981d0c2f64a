"""jobs"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    state = sa.Column("state", sa.Enum("queued", "running", name="job_state"), nullable=False)
    log = sa.Column("log", sa.Text())
    op.create_table("jobs", sa.Column("id", sa.Integer(), primary_key=True), state, log)
