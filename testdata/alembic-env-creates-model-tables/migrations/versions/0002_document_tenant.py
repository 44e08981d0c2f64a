"""a tenant on every document"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("documents", sa.Column("tenant_id", sa.Integer(), nullable=False, server_default="1"))
