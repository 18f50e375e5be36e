"""Jobs of the benefits module, run by the worker (``manage.py worker``)."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django_tasks import task


@task()
def send_measurement_reminders() -> str:
    """The daily reminders (scheduled 06:00, ``settings.HELHET_SCHEDULE``): each benefits owner
    with measurements due or overdue is e-mailed one reminder, links from ``HELHET_BASE_URL``.
    Returns what ``benefits_reminders --send`` printed, kept with the job's result."""
    out = StringIO()
    call_command("benefits_reminders", send=True, base_url=settings.HELHET_BASE_URL, stdout=out)
    return out.getvalue()
