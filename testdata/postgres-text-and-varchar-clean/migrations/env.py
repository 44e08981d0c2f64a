from alembic import context

from app.models import Base

target_metadata = Base.metadata


def run_migrations_online():
    context.configure(target_metadata=target_metadata)
