"""Jobs of the portfolio, run by the worker (``manage.py worker``)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django_tasks import task

from helhet.notifications import texts
from helhet.notifications.models import Kind
from helhet.notifications.services import notification_send
from helhet.portfolio.filters import STALE_AFTER, stale_only
from helhet.portfolio.models import Initiative


@task()
def remind_overdue_status_reports() -> int:
    """The daily reminder (06:00, ``settings.HELHET_SCHEDULE``): each active initiative without a
    status report for over a month (the portfolio's "stale", ``filters.stale_only``) is told to
    its project leader, or its owner when it has no leader; not again while the last reminder
    about it is unread. Returns how many notifications were made."""
    overdue = (
        stale_only(Initiative.objects.all())
        .filter(Q(project_leader__isnull=False) | Q(project_owner__isnull=False))
        .select_related("municipality", "project_leader", "project_owner")
        .order_by("pk")
    )
    made = 0
    for initiative in overdue:
        text = texts.gettext(
            "%(initiative)s has had no status report for over %(days)s days.",
            initiative=initiative.name,
            days=STALE_AFTER.days,
        )
        made += len(
            notification_send(
                recipients=[initiative.project_leader or initiative.project_owner],
                actor=None,
                municipality=initiative.municipality,
                kind=Kind.STATUS_REPORT_OVERDUE,
                text=text,
                link=reverse("portfolio:status_report_create", args=[initiative.pk]),
                unless_unread=True,
            )
        )
    return made
