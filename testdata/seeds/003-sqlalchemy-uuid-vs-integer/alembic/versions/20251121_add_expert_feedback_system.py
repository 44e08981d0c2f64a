"""add expert feedback system

Revision ID: 20251121_expert_feedback
Revises: 8f2d6b0c1e47
Create Date: 2025-11-21 14:05:44
"""
from alembic import op

revision = "20251121_expert_feedback"
down_revision = "8f2d6b0c1e47"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The models live on Base.metadata, which autogenerate does not see: written by hand.
    # NOTE: user_id is UUID but references user.id (INTEGER)
    # This is intentional for future-proofing when user table migrates to UUID
    op.execute(
        """
        CREATE TABLE expert_profiles (
            id SERIAL PRIMARY KEY,
            user_id INTEGER NOT NULL UNIQUE REFERENCES "user"(id) ON DELETE CASCADE,
            specialty VARCHAR(100),
            created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE expert_profiles")
