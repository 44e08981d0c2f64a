"""departments and employees

Revision ID: 0001
Revises:
Create Date: 2025-05-02 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    # Autogenerate writes the cyclic key inside create_table; CREATE TABLE leaves it out.
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("head_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["head_id"], ["employees.id"], name="fk_departments_head_id", use_alter=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "employees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_foreign_key("fk_departments_head_id", "departments", "employees", ["head_id"], ["id"])


def downgrade():
    op.drop_table("employees")
    op.drop_table("departments")
