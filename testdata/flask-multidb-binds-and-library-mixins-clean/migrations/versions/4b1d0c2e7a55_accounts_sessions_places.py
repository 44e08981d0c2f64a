"""accounts, sessions and places

Revision ID: 4b1d0c2e7a55
Revises:
Create Date: 2025-09-14 10:12:00
"""
import sqlalchemy as sa
from alembic import op

revision = "4b1d0c2e7a55"
down_revision = None


def upgrade(engine_name=""):
    globals()[f"upgrade_{engine_name}"]()


def downgrade(engine_name=""):
    globals()[f"downgrade_{engine_name}"]()


def upgrade_():
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
        sa.UniqueConstraint("uuid"),
    )
    op.create_table(
        "login_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("user_agent", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade_():
    op.drop_table("login_session")
    op.drop_table("account")


def upgrade_geonames():
    op.create_table(
        "place",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Unicode(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade_geonames():
    op.drop_table("place")
