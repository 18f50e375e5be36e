"""Jobs of the ground floor, run by the job queue's worker (django-tasks on the database backend,
``manage.py db_worker``); every app keeps its jobs in its own ``tasks.py``."""

import logging
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django_tasks import task

from helhet.core.backup import backup_into_folder
from helhet.core.scheduler import scheduled_runs_prune

logger = logging.getLogger("helhet.backup")


@task()
def clear_expired_sessions() -> int:
    """Delete the sessions that have expired (they are kept in the database, which only grows
    without this); returns how many sessions are left."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    from django.contrib.sessions.models import Session

    return Session.objects.count()


@task()
def prune_scheduled_runs() -> int:
    """Delete the scheduler's records of runs due more than 30 days ago; returns how many."""
    return scheduled_runs_prune()


@task()
def nightly_backup() -> str:
    """When ``HELHET_BACKUP_DIR`` names a folder, write the whole instance into a new archive
    there (``manage.py backup``'s) and keep the ``HELHET_BACKUP_KEEP`` newest; otherwise do
    nothing (the nightly backup is opt-in). A failed backup fails the job, with the reason in
    its result, and deletes no old archive."""
    if not settings.HELHET_BACKUP_DIR:
        return "HELHET_BACKUP_DIR is not set: no backup."
    report, deleted = backup_into_folder(
        folder=Path(settings.HELHET_BACKUP_DIR), keep=settings.HELHET_BACKUP_KEEP
    )
    logger.info(
        "Backed up %s rows and %s files into %s (%s bytes); deleted %s older archives.",
        report.rows,
        report.files,
        report.path,
        report.size,
        len(deleted),
    )
    return f"{report.path} ({report.size} bytes); {len(deleted)} older deleted"
