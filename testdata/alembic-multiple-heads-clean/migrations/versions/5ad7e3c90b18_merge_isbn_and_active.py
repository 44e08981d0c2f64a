"""merge isbn and active

Revision ID: 5ad7e3c90b18
Revises: 3f9d0e21c7aa, e04b6c8f1d93
Create Date: 2025-05-09 08:01:12.774310
"""

revision = "5ad7e3c90b18"
down_revision = ("3f9d0e21c7aa", "e04b6c8f1d93")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
