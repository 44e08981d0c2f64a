"""labels and archiving on projects, added only where missing"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    inspector = sa.inspect(op.get_bind())
    existing = {c["name"] for c in inspector.get_columns("projects")}
    wanted = [
        ("archived_at", sa.Column("archived_at", sa.DateTime(), nullable=True)),
        ("labels", sa.Column("labels", sa.JSON(), nullable=True)),
    ]
    missing = [column for name, column in wanted if name not in existing]
    if missing:
        with op.batch_alter_table("projects") as batch_op:
            for column in missing:
                batch_op.add_column(column)
