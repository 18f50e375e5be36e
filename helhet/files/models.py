"""A file made for one person on the job queue (an export too big to make in the request): who
asked, what, how far it has come, and where its bytes are kept (issue 15)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.models import MunicipalityOwned
from helhet.core.text import TEXT, limited_text

if TYPE_CHECKING:
    from helhet.accounts.models import User
    from helhet.organization.models import Municipality


class Status(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    MAKING = "making", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class PreparedFileQuerySet(models.QuerySet["PreparedFile"]):
    def for_member(self, user: User, municipality: Municipality) -> PreparedFileQuerySet:
        """The person's own files in one municipality, newest first."""
        return self.filter(owner=user, municipality=municipality)

    def current(self) -> PreparedFileQuerySet:
        """Those not expired yet (the daily job deletes the others)."""
        return self.filter(expires_at__gt=timezone.now())

    def expired(self) -> PreparedFileQuerySet:
        return self.filter(expires_at__lte=timezone.now())


class PreparedFile(MunicipalityOwned):
    """One file asked for by ``owner`` in a municipality: ``kind`` names the export (e.g.
    ``portfolio.xlsx``) and ``parameters`` what it holds (the page's filters, the fund); a job
    makes it and keeps its bytes in Django's ``uploads`` storage under ``stored_name``. Only the
    owner fetches it, until ``expires_at``."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prepared_files",
        verbose_name=_("asked for by"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("what"), max_length=200)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    personal_data = models.BooleanField(_("lists people"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    reason = limited_text(_("why it failed"), TEXT, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    stored_name = models.CharField(_("stored as"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("asked for"), default=timezone.now)
    made_at = models.DateTimeField(_("made"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))

    objects = PreparedFileQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("prepared file")
        verbose_name_plural = _("prepared files")
        indexes = [
            models.Index(fields=["owner", "municipality", "expires_at"], name="prepared_file_own"),
            models.Index(fields=["expires_at"], name="prepared_file_expiry"),
        ]

    def __str__(self) -> str:
        return self.filename or self.title

    @property
    def in_progress(self) -> bool:
        return self.status in (Status.WAITING, Status.MAKING)
