"""drop editors.pw_salt: the rename moves the reference to editors_tmp, which is dropped"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    op.rename_table("editors", "editors_tmp")
    op.create_table(
        "editors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    conn.execute("INSERT INTO editors SELECT id, username FROM editors_tmp")
    op.drop_table("editors_tmp")
