"""run priority, in a parenthesized batch block"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade():
    with (op.batch_alter_table("runs",
                               table_kwargs={"sqlite_autoincrement": True})
          as batch_op):
        batch_op.add_column(sa.Column("priority", sa.Integer(), server_default="0", nullable=False))
    # A filter that is no idempotence guard, and a list the revision appends to: not unrolled.
    kept = [t for t in ("projects", "runs") if t != "archive"]
    for t in kept:
        op.add_column(t, sa.Column("note", sa.Text()))  # expect: construct-not-understood
    touched = ["projects"]
    touched.append("runs")
    for t in touched:
        op.add_column(t, sa.Column("memo", sa.Text()))  # expect: construct-not-understood
