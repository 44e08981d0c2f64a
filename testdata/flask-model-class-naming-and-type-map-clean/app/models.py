from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import db
from app.types import datetime_tz

CRON_FIELD = 60


class ScheduledTask(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    crontab: Mapped[str] = mapped_column(String(CRON_FIELD * 4))
    next_run: Mapped[datetime_tz]


class TaskRun(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("scheduledtask.id"))
    started_at: Mapped[datetime_tz]
