"""E-mail about notifications, sent by the worker: one at once (for the kinds a person wants at
once), and the daily digest (07:00, ``settings.HELHET_SCHEDULE``) gathering the rest. Written in
bokmål (``settings.LANGUAGE_CODE``): Helhet knows a person's language only in a request, when they
choose it in the header; links whole from ``HELHET_BASE_URL``."""

from __future__ import annotations

from itertools import groupby

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from helhet.notifications.models import Delivery, Notification


def whole_link(path: str) -> str:
    """The path as a whole address, from the configured base URL."""
    return settings.HELHET_BASE_URL + path if path else ""


def _footer() -> list[str]:
    return [
        "",
        _("You choose which notifications are e-mailed to you, and when: %(link)s")
        % {"link": whole_link(reverse("notifications:settings"))},
        _("This message was sent by Helhet."),
    ]


def _item(notification: Notification) -> str:
    link = whole_link(notification.link)
    text = notification.readable_text
    return f"{text}\n  {link}" if link else text


@task()
def email_notification(notification_id: int) -> bool:
    """E-mail one notification to its recipient, unless it was read or e-mailed already or the
    person has no e-mail address; returns whether it was sent."""
    notification = (
        Notification.objects.select_related("recipient", "municipality")
        .filter(pk=notification_id, emailed_at__isnull=True, read_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email.strip():
        return False
    with translation.override("nb"):
        subject = _("Helhet: %(kind)s") % {"kind": notification.get_kind_display()}
        body = [
            f"{notification.municipality.name}",
            "",
            _item(notification),
            *_footer(),
        ]
        send_mail(
            subject,
            "\n".join(body),
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient.email.strip()],
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@task()
def send_daily_digests() -> int:
    """One e-mail to each person with notifications for the digest not yet e-mailed: all of them
    since the last digest (a day's), by municipality, oldest first; those already read are left
    out of the e-mail and marked done all the same. Returns how many e-mails were sent."""
    pending = (
        Notification.objects.filter(delivery=Delivery.DIGEST, emailed_at__isnull=True)
        .select_related("recipient", "municipality")
        .order_by("recipient_id", "municipality__name", "created_at", "pk")
    )
    sent = 0
    now = timezone.now()
    for _recipient, group in groupby(pending, key=lambda n: n.recipient_id):
        items = list(group)
        unread = [n for n in items if n.read_at is None]
        email = items[0].recipient.email.strip()
        if unread and email:
            sent += _send_digest(unread, email)
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    return sent


def _send_digest(unread: list[Notification], email: str) -> int:
    with translation.override("nb"):
        subject = ngettext(
            "Helhet: %(count)s new notification",
            "Helhet: %(count)s new notifications",
            len(unread),
        ) % {"count": len(unread)}
        lines = [_("What happened in Helhet since the last digest:")]
        for municipality, items in groupby(unread, key=lambda n: n.municipality.name):
            lines += ["", municipality, *(f"- {_item(n)}" for n in items)]
        lines += [
            "",
            _("Every notification: %(link)s") % {"link": whole_link(reverse("notifications:list"))},
            *_footer(),
        ]
        return send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [email])
