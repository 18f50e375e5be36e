"""``python manage.py worker [--batch] [--no-scheduler] [db_worker's options]``

Helhet's worker: django-tasks-db's worker loop (``db_worker``: takes the jobs waiting in the
database one at a time and runs them) and, beside it in a thread, the scheduler
(``helhet.core.scheduler``), which enqueues the jobs of ``settings.HELHET_SCHEDULE`` at their time
of day. Run one or more (every one runs the scheduler: each due time is enqueued once whatever
their number). ``--batch`` enqueues what is due, runs everything waiting, and exits."""

from __future__ import annotations

import logging
import os
import threading
import time
from argparse import ArgumentParser
from typing import Any

from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from helhet.core.scheduler import enqueue_due_jobs

logger = logging.getLogger("helhet.scheduler")

# How often the scheduler looks for a due job: a job runs at most this late.
SCHEDULER_SECONDS = 30.0


def _schedule_once() -> None:
    """One look at the schedule; a failure is logged, and the next look tries again."""
    try:
        enqueue_due_jobs()
    except Exception:
        logger.exception("The scheduler could not enqueue the due jobs")
    finally:
        close_old_connections()


def _schedule_forever() -> None:
    while True:
        _schedule_once()
        connection.close()  # this thread's own connection; opened again on the next look
        time.sleep(SCHEDULER_SECONDS)


class Command(DbWorkerCommand):
    help = (
        "Run Helhet's jobs: the job queue's worker and the scheduler (daily reminders, digests, "
        "clean-up). --batch runs what waits and exits."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Only run jobs; enqueue no scheduled job (another worker does).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scheduler = options.pop("scheduler")
        self.configure_logging(options["verbosity"])
        logging.getLogger("helhet.scheduler").setLevel(
            logging.INFO if options["verbosity"] else logging.CRITICAL
        )
        if options["batch"]:
            options["reload"] = False
        worker = Worker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=(
                options["exclude_queues"].split(",") if options["exclude_queues"] else []
            ),
        )

        def run() -> None:
            if scheduler and options["batch"]:
                _schedule_once()
            elif scheduler:
                threading.Thread(target=_schedule_forever, name="scheduler", daemon=True).start()
            worker.run()

        if options["reload"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(run)
        else:
            worker.configure_signals()
            run()
