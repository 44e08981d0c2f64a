"""search and open-issue indexes

Revision ID: 0003
Revises: 0002
Create Date: 2024-09-02 09:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _search_vector():
    return sa.func.to_tsvector(sa.literal_column("'english'"), sa.column("summary"))


def upgrade() -> None:
    op.create_index("ix_issues_summary_words", "issues", [_search_vector()], postgresql_using="gin")
    op.create_index(
        "ix_issues_open",
        "issues",
        ["project_id"],
        postgresql_where=sa.text("description IS NOT NULL"),
    )
    op.create_index(
        "ix_issues_recent_open",
        "issues",
        ["project_id", sa.text("opened_at DESC")],
        postgresql_where=sa.text("description IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_issues_open", table_name="issues")
    op.drop_index("ix_issues_summary_words", table_name="issues")
