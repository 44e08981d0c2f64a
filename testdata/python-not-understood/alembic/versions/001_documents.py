"""documents

Revision ID: 001
"""
import sqlalchemy as sa
from alembic import op
from alembic_utils.pg_function import PGFunction

revision = "001"
down_revision = None

touch_updated = PGFunction(schema="public", signature="touch()", definition="returns trigger as $$ begin return new; end $$ language plpgsql")


def upgrade():
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("embedding", sa.LargeBinary()),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Integer()),
    )
    for name in ["acme_events", "globex_events"]:
        op.create_table(name, sa.Column("id", sa.Integer(), primary_key=True))  # expect: table-missing-from-models, table-missing-from-models
    op.create_entity(touch_updated)  # expect: construct-not-understood


def downgrade():
    op.drop_table("documents")
