from datetime import datetime
from typing import Optional

from sqlmodel import Field, SQLModel


class QueryHistory(SQLModel, table=True):
    __tablename__ = "query_history"

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    query: str = Field(max_length=2000)
    response_time_ms: Optional[int] = None
    created_at: datetime = Field(default_factory=datetime.utcnow)
