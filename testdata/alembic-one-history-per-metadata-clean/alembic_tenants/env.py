from alembic import context

from app.models import PublicBase

target_metadata = [PublicBase.metadata]

context.configure(
    url=context.config.get_main_option("sqlalchemy.url"),
    target_metadata=target_metadata,
    version_table_schema="public",
)
with context.begin_transaction():
    context.run_migrations()
