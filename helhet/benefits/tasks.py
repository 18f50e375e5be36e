"""Jobs of the benefits module, run by the worker (``manage.py worker``)."""

from __future__ import annotations

from itertools import groupby

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from helhet.benefits.figures import MeasurementState
from helhet.benefits.selectors.due_measurements import DueIndicator, owners_with_due_measurements
from helhet.notifications import texts
from helhet.notifications.models import Kind
from helhet.notifications.services import notification_send
from helhet.organization.models import Municipality

# The indicators named in one notification; the rest are counted ("and 3 more").
NAMED = 5


def _item(item: DueIndicator) -> list[texts.Message]:
    indicator = item.indicator
    when = texts.day(item.next_due) if item.next_due is not None else ""
    state = (
        texts.gettext("overdue since %(date)s", date=when)
        if item.state == MeasurementState.OVERDUE
        else texts.gettext("due %(date)s", date=when)
    )
    return [f"{indicator.benefit.initiative.name} – {indicator.name} (", state, ")"]


def _text(items: list[DueIndicator]) -> list[texts.Message]:
    named: list[texts.Message] = []
    for item in items[:NAMED]:
        named += ["; ", *_item(item)] if named else _item(item)
    text: list[texts.Message] = [
        texts.ngettext(
            "%(count)s benefit measurement to record: %(items)s.",
            "%(count)s benefit measurements to record: %(items)s.",
            len(items),
            items=named,
        )
    ]
    if len(items) > NAMED:
        more = texts.gettext("And %(count)s more under My benefits.", count=len(items) - NAMED)
        text += [" ", more]
    return text


@task()
def send_measurement_reminders() -> int:
    """The daily reminders (06:00, ``settings.HELHET_SCHEDULE``): each benefits owner (or the
    responsible line manager of a benefit without one) with measurements due or overdue gets one
    notification per municipality naming them (``owners_with_due_measurements``), linking to My
    benefits; not again while the last one is unread. E-mailed as the person chooses (the daily
    digest unless they choose otherwise). Returns how many notifications were made."""
    made = 0
    reminders = owners_with_due_measurements(today=timezone.localdate())
    municipalities = Municipality.objects.in_bulk(
        {item.indicator.municipality_id for reminder in reminders for item in reminder.indicators}
    )
    for reminder in reminders:
        by_municipality = groupby(
            sorted(reminder.indicators, key=lambda item: item.indicator.municipality_id),
            key=lambda item: municipalities[item.indicator.municipality_id],
        )
        for municipality, items in by_municipality:
            text = _text(list(items))
            made += len(
                notification_send(
                    recipients=[reminder.owner],
                    actor=None,
                    municipality=municipality,
                    kind=Kind.MEASUREMENT_DUE,
                    text=text,
                    link=reverse("benefits:mine"),
                    unless_unread=True,
                )
            )
    return made
