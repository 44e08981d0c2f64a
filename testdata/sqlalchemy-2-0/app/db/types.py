from datetime import datetime
from typing import Annotated

from sqlalchemy import String, func
from sqlalchemy.orm import mapped_column

intpk = Annotated[int, mapped_column(primary_key=True)]
str50 = Annotated[str, mapped_column(String(50))]
created_ts = Annotated[datetime, mapped_column(server_default=func.now())]
