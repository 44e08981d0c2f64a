"""a finished state"""

from alembic import op
from alembic_postgresql_enum import TableReference

revision = "0002"
down_revision = "0001"


def upgrade():
    op.sync_enum_values(
        "public",
        "job_state",
        ["queued", "running", "done"],
        [TableReference(table_schema="public", table_name="jobs", column_name="state")],
    )
