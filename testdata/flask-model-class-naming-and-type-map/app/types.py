from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, Text
from sqlalchemy.orm import DeclarativeBase, declared_attr, has_inherited_table, registry
from typing_extensions import Annotated

datetime_tz = Annotated[datetime, "datetime_tz"]


class AppModel(DeclarativeBase):
    """Every model: text strings, zoned times, and the lower-cased class name as table name."""

    registry = registry(type_annotation_map={str: Text, datetime_tz: DateTime(timezone=True)})

    if not TYPE_CHECKING:

        @declared_attr.directive
        def __tablename__(cls) -> str | None:
            if has_inherited_table(cls):
                return None
            return cls.__name__.lower()
