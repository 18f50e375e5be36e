"""Jobs of the ground floor, run by the job queue's worker (django-tasks on the database backend,
``manage.py db_worker``); every app keeps its jobs in its own ``tasks.py``."""

from importlib import import_module

from django.conf import settings
from django_tasks import task


@task()
def clear_expired_sessions() -> int:
    """Delete the sessions that have expired (they are kept in the database, which only grows
    without this); returns how many sessions are left."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    from django.contrib.sessions.models import Session

    return Session.objects.count()
