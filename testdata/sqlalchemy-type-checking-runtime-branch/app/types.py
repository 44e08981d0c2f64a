"""Column types shared by the models; the stubs keep the type checker quiet."""
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:
    JSONDocument = sa.JSON
    TITLE_LENGTH: int = 0
else:
    from sqlalchemy.dialects.postgresql import JSONB as JSONDocument

    TITLE_LENGTH = 160


def stamp(**kwargs: Any) -> sa.Column:
    return sa.Column(sa.DateTime(timezone=True), nullable=False, **kwargs)
