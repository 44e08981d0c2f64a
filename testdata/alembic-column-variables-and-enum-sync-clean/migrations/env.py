from alembic import context
import alembic_postgresql_enum  # noqa: F401  (adds op.sync_enum_values)

from app.models import Base

target_metadata = Base.metadata


def run_migrations_online():
    context.configure(target_metadata=target_metadata)
