"""align user keys; create the legacy Base tables

Revision ID: 9c4e2b7a5d18
Revises: 3a6f9d2c7e15
Create Date: 2025-12-01 10:12:40
"""
import sqlalchemy as sa
from alembic import op

revision = "9c4e2b7a5d18"
down_revision = "3a6f9d2c7e15"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column(
        "usage_events",
        "user_id",
        existing_type=sa.String(length=50),
        type_=sa.Integer(),
        postgresql_using="user_id::integer",
        existing_nullable=False,
    )
    op.alter_column(
        "cost_alerts",
        "user_id",
        existing_type=sa.String(length=50),
        type_=sa.Integer(),
        postgresql_using="user_id::integer",
        existing_nullable=False,
    )
    op.create_foreign_key(None, "usage_events", "user", ["user_id"], ["id"])
    op.create_foreign_key(None, "cost_alerts", "user", ["user_id"], ["id"])

    op.create_table(
        "quality_metrics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["expert_id"], ["expert_profiles.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "subscription_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.ForeignKeyConstraint(["subscription_id"], ["subscriptions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "faq_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("suggested_answer", sa.Text(), nullable=True),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.ForeignKeyConstraint(["approved_by"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "faq_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("question", sa.String(length=500), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["faq_candidates.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "data_export_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("data_export_requests")
    op.drop_table("faq_entries")
    op.drop_table("faq_candidates")
    op.drop_table("subscription_events")
    op.drop_table("quality_metrics")
    op.drop_constraint("cost_alerts_user_id_fkey", "cost_alerts", type_="foreignkey")
    op.drop_constraint("usage_events_user_id_fkey", "usage_events", type_="foreignkey")
    op.alter_column("cost_alerts", "user_id", existing_type=sa.Integer(), type_=sa.String(length=50))
    op.alter_column("usage_events", "user_id", existing_type=sa.Integer(), type_=sa.String(length=50))
