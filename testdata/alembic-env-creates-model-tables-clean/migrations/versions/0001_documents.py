"""documents, for databases made before the models created their own tables"""

import sqlalchemy as sa
from alembic import op

from app.setup import table_exists

revision = "0001"
down_revision = None


def upgrade():
    if not table_exists(op.get_bind(), "documents"):
        op.create_table(
            "documents",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("title", sa.String(512), nullable=False),
        )
