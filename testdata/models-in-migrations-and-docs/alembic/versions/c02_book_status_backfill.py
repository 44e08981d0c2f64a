"""book status, backfilled from open loans

Revision ID: c02f37b8a6d5
Revises: c01a9e2d4b10
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session, declarative_base

revision = "c02f37b8a6d5"
down_revision = "c01a9e2d4b10"

# Frozen copies of the tables as they are at this revision: only what the backfill touches.
Base = declarative_base()


class Book(Base):
    __tablename__ = "books"
    id = sa.Column(sa.Integer, primary_key=True)
    status = sa.Column(sa.String(20))


class Loan(Base):
    __tablename__ = "loans"
    id = sa.Column(sa.Integer, primary_key=True)
    book_id = sa.Column(sa.Integer)
    returned_at = sa.Column(sa.DateTime)


book_status = sa.Enum("available", "on_loan", "lost", name="book_status")


def upgrade():
    book_status.create(op.get_bind())
    op.add_column("books", sa.Column("status", book_status, nullable=False, server_default="available"))
    session = Session(bind=op.get_bind())
    open_loans = session.query(Loan.book_id).filter(Loan.returned_at.is_(None))
    session.query(Book).filter(Book.id.in_(open_loans)).update({"status": "on_loan"}, synchronize_session=False)
    session.commit()


def downgrade():
    op.drop_column("books", "status")
    book_status.drop(op.get_bind())
