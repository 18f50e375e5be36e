"""Notifications to a person: in the app (the bell) and by e-mail, each kind as the person
chooses (issue 15)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from helhet.core.models import MunicipalityOwned
from helhet.core.text import TEXT, limited_text

if TYPE_CHECKING:
    from helhet.accounts.models import User
    from helhet.organization.models import Municipality


class Kind(models.TextChoices):
    """What a notification is about; each person chooses per kind how they are e-mailed."""

    DECISION_WAITING = "decision_waiting", _("A decision waiting for you")
    DECISION_MADE = "decision_made", _("A decision on your project")
    MEASUREMENT_DUE = "measurement_due", _("Measurements due or overdue")
    STATUS_REPORT_OVERDUE = "status_report_overdue", _("Status report overdue")
    IDEA_STATUS = "idea_status", _("Your idea's status changed")
    FUND_DECIDED = "fund_decided", _("A fund application decided")
    OVERLAP_FLAGGED = "overlap_flagged", _("A probable overlap with your initiative")
    FILE_READY = "file_ready", _("A file you asked for is ready")
    IMPORT_DONE = "import_done", _("An import you confirmed is done")


class Delivery(models.TextChoices):
    """How a person is e-mailed about a kind of notification (it is in the app regardless)."""

    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("In the daily digest")
    OFF = "off", _("No e-mail")


# Until a person chooses: what waits for them at once, the rest gathered in the morning's digest.
DEFAULT_DELIVERY = {
    Kind.DECISION_WAITING: Delivery.IMMEDIATE,
    Kind.DECISION_MADE: Delivery.IMMEDIATE,
    # The person is in Helhet waiting for it: the bell tells them, an e-mail only if they ask.
    Kind.FILE_READY: Delivery.OFF,
    Kind.IMPORT_DONE: Delivery.OFF,
}


def default_delivery(kind: str) -> str:
    return DEFAULT_DELIVERY.get(Kind(kind), Delivery.DIGEST).value


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_member(self, user: User, municipality: Municipality) -> NotificationQuerySet:
        """The person's notifications in one municipality, newest first."""
        return self.filter(recipient=user, municipality=municipality)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(MunicipalityOwned):
    """One thing a person is told: what Helhet says (``message``: what to say and its parameters,
    put into words in the reader's language when read, ``texts.written``) and the page it is
    about. ``text`` is the message written in bokmål when it was sent, and all there is of a
    notification from before messages were kept (``message`` empty)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    text = limited_text(_("text"), TEXT)
    message = models.JSONField(_("message"), null=True, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery = models.CharField(_("e-mail"), max_length=10, choices=Delivery.choices)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["recipient", "municipality", "read_at"], name="notification_unread"
            ),
            models.Index(fields=["delivery", "emailed_at"], name="notification_to_email"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def readable_text(self) -> str:
        """What the notification says, in the active language (cut to the text's limit as the
        stored text is); the stored bokmål text when it has no message."""
        from helhet.notifications.texts import written

        if self.message is None:
            return self.text
        return Truncator(written(self.message)).chars(TEXT)


class NotificationPreference(models.Model):
    """How a person wants to be e-mailed about one kind of notification (in every municipality
    they work in)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("e-mail"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.delivery}"
