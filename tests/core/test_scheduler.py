"""The scheduler and the worker: each scheduled job is enqueued once per due time however many
workers ask, and a job waiting in the database is run by a worker process started later."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from helhet.core.models import ScheduledRun
from helhet.core.scheduler import enqueue_due_jobs, scheduled_jobs
from helhet.core.tasks import clear_expired_sessions, prune_scheduled_runs

OSLO = ZoneInfo("Europe/Oslo")


def _enqueued(job: str) -> list[DBTaskResult]:
    path = next(j.task_path for j in scheduled_jobs() if j.name == job)
    return list(DBTaskResult.objects.filter(task_path=path))


@pytest.mark.django_db
def test_each_due_time_is_enqueued_once_and_a_missed_run_is_caught_up_once() -> None:
    # 02:59 on 7 December: the sessions job (03:00) was last due on the 6th, and runs once.
    before_three = datetime(2026, 12, 7, 2, 59, tzinfo=OSLO)
    assert "clear_expired_sessions" in enqueue_due_jobs(now=before_three)
    assert enqueue_due_jobs(now=before_three) == []  # a second worker asking enqueues nothing
    run = ScheduledRun.objects.get(job="clear_expired_sessions")
    assert run.due == datetime(2026, 12, 6, 3, 0, tzinfo=OSLO)
    assert [str(r.id) for r in _enqueued("clear_expired_sessions")] == [run.task_result_id]

    # At 03:00 today's run is due; a worker stopped for three days catches up once, not three times.
    assert "clear_expired_sessions" in enqueue_due_jobs(now=before_three.replace(minute=0, hour=3))
    assert len(enqueue_due_jobs(now=datetime(2026, 12, 10, 12, 0, tzinfo=OSLO))) == len(
        settings.HELHET_SCHEDULE
    )
    assert ScheduledRun.objects.filter(job="clear_expired_sessions").count() == 3
    assert len(_enqueued("clear_expired_sessions")) == 3


def _database_url() -> str:
    """This test database's address, for a worker process."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))


def _worker(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--batch", "--no-startup-delay", "-v0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url, "HELHET_DEBUG": "true"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_enqueue_each_job_once_and_run_a_job_waiting_from_before() -> None:
    """Starts two ``manage.py worker --batch`` processes at once (about 3 s of wall time, and the
    demo is built again for the next test after this transactional one)."""
    expired = SessionStore()
    expired.set_expiry(-10)
    expired.save()
    waiting = clear_expired_sessions.enqueue()  # enqueued by this process, then it "stops"
    url = _database_url()
    workers = [_worker(url), _worker(url)]
    outputs = [worker.communicate(timeout=120)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs

    result = DBTaskResult.objects.get(id=waiting.id)
    assert result.status == "SUCCESSFUL"
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    for job in scheduled_jobs():
        assert ScheduledRun.objects.filter(job=job.name).count() == 1, job.name
        runs = [r for r in _enqueued(job.name) if str(r.id) != str(waiting.id)]
        assert len(runs) == 1, job.name
        assert runs[0].status == "SUCCESSFUL", (job.name, runs[0].traceback)


@pytest.mark.django_db
def test_the_daily_prune_deletes_the_records_of_runs_due_more_than_30_days_ago() -> None:
    assert "prune_scheduled_runs" in [job.name for job in scheduled_jobs()]
    now = timezone.now()
    for days in (45, 31, 29, 0):
        ScheduledRun.objects.create(job="daily_digest", due=now - timedelta(days=days))

    assert prune_scheduled_runs.call() == 2

    left = ScheduledRun.objects.values_list("due", flat=True)
    assert sorted((now - due).days for due in left) == [0, 29]
