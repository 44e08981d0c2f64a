"""settings on every table, added with a lock timeout"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

_BASE = ["projects"]
_MORE = ["runs"]
_COLUMN = "settings"


def _with_lock_timeout(table, statement):
    op.execute("SET LOCAL lock_timeout = '250ms'")
    op.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
    op.execute(statement)


def _add_json_column(table):
    _with_lock_timeout(table, f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS {_COLUMN} JSON')


def _column_exists(table):
    bind = op.get_bind()
    return _COLUMN in {c["name"] for c in sa.inspect(bind).get_columns(table)}


def upgrade():
    # Outside a transaction, so that each ALTER waits for its own lock only.
    with op.get_context().autocommit_block():
        for table in reversed(_BASE + _MORE):
            if not _column_exists(table):
                _add_json_column(table)
