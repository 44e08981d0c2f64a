"""loosen keys

Revision ID: 0002
Revises: 0001
Create Date: 2025-06-12 15:20:00
"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    # The keys were created without names: these are the names Postgres gave them.
    op.drop_constraint("members_team_id_fkey", "members", type_="foreignkey")
    op.drop_constraint("teams_slug_key", "teams", type_="unique")


def downgrade():
    pass
