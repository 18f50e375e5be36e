"""What the readiness answer (``/helse/klar/``) checks: that this web node can serve requests.

Each check returns a ``Check``: whether it passed and a short, public detail (no secrets, no
host names, no error messages that could name a server or a password: only what an operator
needs to know where to look)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from helhet.core.startup import missing_static_manifest

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    figures: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        if self.figures is None:
            del data["figures"]
        return data


def check_database() -> Check:
    """The database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Readiness: the database does not answer")
        return Check("database", False, "The database does not answer.")
    return Check("database", True, "The database answers.")


# Once every migration this code knows has been applied, it stays so for the life of the process
# (a new release is a new process), so the migration graph is read from disk only until then.
_migrations_applied = False


def check_migrations() -> Check:
    """No migration this code knows is waiting to be applied (``manage.py migrate``)."""
    global _migrations_applied
    if not _migrations_applied:
        try:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            logger.exception("Readiness: could not read the applied migrations")
            return Check("migrations", False, "Could not read the applied migrations.")
        if pending:
            return Check(
                "migrations",
                False,
                "Migrations are waiting: run manage.py migrate.",
                {"pending": len(pending)},
            )
        _migrations_applied = True
    return Check("migrations", True, "Every migration is applied.")


def check_static_manifest() -> Check:
    """With debug off the static files are served from ``collectstatic``'s manifest (WhiteNoise);
    without it every page fails. In debug the files are found where they lie."""
    if settings.DEBUG:
        return Check("static", True, "Debug: static files are served from the source folders.")
    if missing_static_manifest():
        return Check("static", False, "The static files' manifest is missing: run collectstatic.")
    return Check("static", True, "The static files' manifest is present.")


def check_job_queue() -> Check:
    """The job queue's table answers; how many jobs wait to run and how long the oldest has
    waited (a worker that is down shows as a growing age, see docs/deployment.md)."""
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.ready()
        count = waiting.count()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError:
        logger.exception("Readiness: the job queue's table does not answer")
        return Check("job_queue", False, "The job queue's table does not answer.")
    age = round((timezone.now() - oldest).total_seconds()) if oldest else 0
    return Check(
        "job_queue",
        True,
        "The job queue answers.",
        {"waiting": count, "oldest_waiting_seconds": age},
    )


CHECKS: tuple[Callable[[], Check], ...] = (
    check_database,
    check_migrations,
    check_static_manifest,
    check_job_queue,
)


def readiness() -> tuple[bool, list[Check]]:
    """Every check, and whether all passed. A check after a failed database check still runs:
    each says for itself what it could not do."""
    checks = [check() for check in CHECKS]
    return all(check.ok for check in checks), checks
