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
