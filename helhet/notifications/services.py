"""Writes to notifications: the apps above send them through ``notification_send``; a person
marks theirs read and chooses how they are e-mailed. E-mail is sent by jobs
(``helhet.notifications.tasks``), never in the request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.core.history import save_with_history
from helhet.core.text import TEXT
from helhet.notifications.models import (
    Delivery,
    Kind,
    Notification,
    NotificationPreference,
    default_delivery,
)
from helhet.notifications.tasks import email_notification
from helhet.notifications.texts import Message, written
from helhet.organization.models import Municipality


def deliveries_for(user: User) -> dict[str, str]:
    """How the person is e-mailed about each kind: their choice, else the default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, default_delivery(kind)) for kind in Kind.values}


@transaction.atomic
def notification_send(
    *,
    recipients: Iterable[User | None],
    actor: User | None,
    municipality: Municipality,
    kind: Kind,
    text: Message,
    link: str = "",
    unless_unread: bool = False,
) -> list[Notification]:
    """Tell each recipient ``text`` (a message of ``helhet.notifications.texts``: what to say and
    its parameters, put into words in each reader's language when read; a plain str is shown as
    it is, in every language) about the page at ``link`` (a path in Helhet); its bokmål wording is
    kept too, cut to the text's limit. Never the person who acted (``actor``), nobody twice, only
    active people who are members of ``municipality``. Those who want the kind e-mailed at
    once get a job that e-mails it after this transaction commits (the job is in the same
    transaction: if the change behind the notification is rolled back, so is the e-mail).
    ``unless_unread``: a reminder is not repeated to someone who has not read the last one (of
    the kind, about the same link, in the municipality)."""
    wanted = {person.pk for person in recipients if person is not None}
    if actor is not None:
        wanted.discard(actor.pk)
    people = (
        User.objects.filter(pk__in=wanted, is_active=True)
        .filter(pk__in=Membership.objects.filter(municipality=municipality).values("user"))
        .order_by("pk")
    )
    if unless_unread:
        people = people.exclude(
            pk__in=Notification.objects.filter(
                municipality=municipality, kind=kind, link=link, read_at__isnull=True
            ).values("recipient")
        )
    chosen = dict(
        NotificationPreference.objects.filter(user__in=people, kind=kind).values_list(
            "user", "delivery"
        )
    )
    with translation.override(settings.LANGUAGE_CODE):
        in_bokmal = Truncator(written(text)).chars(TEXT)
    sent = []
    for person in people:
        notification = Notification(
            municipality=municipality,
            recipient=person,
            kind=kind,
            text=in_bokmal,
            message=text,
            link=link,
            delivery=chosen.get(person.pk, default_delivery(kind)),
        )
        save_with_history(notification, actor=actor)
        if notification.delivery == Delivery.IMMEDIATE and person.email.strip():
            email_notification.enqueue(notification.pk)
        sent.append(notification)
    return sent


@transaction.atomic
def notification_mark_read(*, notification: Notification, actor: User) -> Notification:
    """Mark the notification read (once: reading it again keeps the first time)."""
    if notification.recipient_id != actor.pk:
        raise ValidationError(_("Only the one it was sent to marks a notification read."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        save_with_history(notification, actor=actor, update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User, municipality: Municipality) -> int:
    """Mark every unread notification of the person in the municipality read; returns how many.
    One update (no history is kept of notifications)."""
    return (
        Notification.objects.for_member(actor, municipality).unread().update(read_at=timezone.now())
    )


@transaction.atomic
def notification_preferences_set(*, actor: User, deliveries: Mapping[str, str]) -> None:
    """Keep how the person wants to be e-mailed about each kind named in ``deliveries``;
    an unknown kind or delivery is refused."""
    errors = {}
    for kind, delivery in deliveries.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            errors[kind] = [_("Choose at once, in the daily digest or no e-mail.")]
    if errors:
        raise ValidationError(errors)
    for kind, delivery in deliveries.items():
        NotificationPreference.objects.update_or_create(
            user=actor, kind=kind, defaults={"delivery": delivery}
        )
