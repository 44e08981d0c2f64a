from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Connection


def create_missing_tables(connection: Connection, metadata: MetaData) -> list[str]:
    """The models own whole tables; revisions only change tables that already exist."""
    existing = set(inspect(connection).get_table_names())
    missing = [t for name, t in metadata.tables.items() if name not in existing]
    metadata.create_all(connection, tables=missing, checkfirst=True)
    return [t.name for t in missing]


def table_exists(connection: Connection, name: str) -> bool:
    return inspect(connection).has_table(name)
