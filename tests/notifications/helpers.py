"""Helpers for the notification tests: run the jobs waiting on the queue as the worker would."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_waiting_jobs() -> list[str]:
    """Run every job waiting on the queue, in this test's transaction, as ``manage.py worker``
    runs them (django-tasks-db's own ``run_task``); returns their task paths."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = []
    for result in DBTaskResult.objects.ready().order_by("enqueued_at"):
        result.claim("test")
        worker.run_task(result)
        result.refresh_from_db()
        assert result.status == "SUCCESSFUL", result.traceback
        ran.append(result.task_path)
    return ran
