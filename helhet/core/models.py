"""The base every piece of domain data stands on: it belongs to one municipality."""

from typing import Any, ClassVar

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
    # Columns derived from other rows, which only the service that derives them writes (by
    # ``update``): a plain ``save`` of a record already stored leaves them as the database has
    # them, so an instance read before they changed never writes its old values back.
    derived_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.derived_fields and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.derived_fields
            ]
        super().save(*args, **kwargs)


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
