"""drop editors.pw_salt: SQLite rebuilds the table, with references kept by name"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    # Without the legacy mode, renaming `editors` would point notes.editor_id at editors_tmp.
    conn.execute("PRAGMA legacy_alter_table=ON")
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
    conn.execute("PRAGMA legacy_alter_table=OFF")
