"""The scheduler: jobs defined in code that run at a time of day, enqueued on the job queue.

The schedule is ``settings.HELHET_SCHEDULE``: (name, task, "HH:MM" in ``TIME_ZONE``). The worker
(``manage.py worker``) asks ``enqueue_due_jobs`` twice a minute; each job's latest due time is
enqueued once, however many workers ask: a worker claims the due time by inserting its
``ScheduledRun`` row (unique per job and due time) in the same transaction as the job, so a second
worker's insert fails and it enqueues nothing. A worker that was stopped over a due time enqueues
the missed run once when it starts again (only the latest: a week's downtime gives one run, not
seven)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from helhet.core.models import ScheduledRun

logger = logging.getLogger("helhet.scheduler")


@dataclass(frozen=True)
class ScheduledJob:
    """A job the worker enqueues every day at ``at`` (local time)."""

    name: str
    task_path: str
    at: time

    def task(self) -> Task[[], object]:
        job: Task[[], object] = import_string(self.task_path)
        return job

    def latest_due(self, now: datetime) -> datetime:
        """The latest time at or before ``now`` the job was due (today's, or yesterday's when
        today's time has not come yet), aware, in the local time zone."""
        zone = ZoneInfo(settings.TIME_ZONE)
        local_now = now.astimezone(zone)
        due = datetime.combine(local_now.date(), self.at, tzinfo=zone)
        if due > local_now:
            due = datetime.combine(local_now.date() - timedelta(days=1), self.at, tzinfo=zone)
        return due


def scheduled_jobs() -> list[ScheduledJob]:
    """The schedule from ``settings.HELHET_SCHEDULE``."""
    return [
        ScheduledJob(name=name, task_path=path, at=time.fromisoformat(at))
        for name, path, at in settings.HELHET_SCHEDULE
    ]


def enqueue_due_jobs(*, now: datetime | None = None) -> list[str]:
    """Enqueue every scheduled job whose latest due time no worker has claimed yet; returns the
    names of the jobs this call enqueued. Safe to call from several workers at once: each due time
    is enqueued exactly once (the unique ``ScheduledRun`` row and the job commit together)."""
    now = now or timezone.now()
    enqueued = []
    for job in scheduled_jobs():
        due = job.latest_due(now)
        if ScheduledRun.objects.filter(job=job.name, due=due).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, due=due)
                result = job.task().enqueue()
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another worker claimed this due time first
        logger.info("Enqueued %s due %s", job.name, due.isoformat())
        enqueued.append(job.name)
    return enqueued


# How long the scheduler's record of each run is kept: long enough to see what ran lately.
SCHEDULED_RUNS_KEPT = timedelta(days=30)


def scheduled_runs_prune(*, now: datetime | None = None) -> int:
    """Delete the records of runs due more than ``SCHEDULED_RUNS_KEPT`` ago (the table would
    otherwise grow by a row per job a day); returns how many. Safe for the scheduler: it asks only
    about each job's latest due time, never more than a day old."""
    cutoff = (now or timezone.now()) - SCHEDULED_RUNS_KEPT
    deleted, _by_model = ScheduledRun.objects.filter(due__lt=cutoff).delete()
    return deleted
