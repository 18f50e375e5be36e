"""The base every piece of domain data stands on: it belongs to one municipality."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityOwned(models.Model):
    """Abstract base for domain records. Row-level tenancy: every record names its municipality,
    and every lookup from a request filters on it (see each app's ``access.py``)."""

    municipality = models.ForeignKey(
        "organization.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )

    class Meta:
        abstract = True


class ScheduledRun(models.Model):
    """One due time of a scheduled job, claimed by the worker that enqueued it: the unique
    (job, due) lets only one of several workers enqueue it (``helhet.core.scheduler``)."""

    job = models.CharField(_("job"), max_length=100)
    due = models.DateTimeField(_("due"))
    enqueued_at = models.DateTimeField(_("enqueued"), auto_now_add=True)
    task_result_id = models.CharField(_("job queue id"), max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "due"], name="scheduled_run_once_per_due_time")
        ]
        ordering = ["-due", "job"]

    def __str__(self) -> str:
        return f"{self.job} {self.due:%Y-%m-%d %H:%M}"
