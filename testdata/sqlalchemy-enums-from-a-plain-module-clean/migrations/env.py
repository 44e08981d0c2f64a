from alembic import context

from app.models import Base

target_metadata = Base.metadata

context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
with context.begin_transaction():
    context.run_migrations()
