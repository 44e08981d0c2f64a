"""subscriptions

Revision ID: 3a6f9d2c7e15
Revises: 20251121_expert_feedback
Create Date: 2025-11-24 08:51:12
"""
from alembic import op

revision = "3a6f9d2c7e15"
down_revision = "20251121_expert_feedback"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE subscriptions (
            id SERIAL PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES "user"(id),
            plan VARCHAR(50) NOT NULL,
            status VARCHAR(20) NOT NULL DEFAULT 'active',
            created_at TIMESTAMP WITH TIME ZONE DEFAULT now()
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE subscriptions")
