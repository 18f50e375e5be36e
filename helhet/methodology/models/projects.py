"""A project on its method: the version and level it runs on, how it meets the method's
criteria, its requests for a decision at a gate, and the decisions made. The code about a
project's gates lives in ``helhet.projects``; the rows live here, with the method they point to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned
from helhet.core.text import TEXT, limited_text
from helhet.methodology.models.methods import (
    RISK_VALIDATORS,
    Criterion,
    DecisionPoint,
    Level,
    MethodVersion,
    Phase,
)


class ProjectMethod(MunicipalityOwned):
    """The method an initiative runs on: the version chosen (kept even when the method gets a
    new version), the level, and the phase it stands in. The phase changes only by a decision
    (see ``helhet.projects.services.gates.decision_make``)."""

    initiative = models.OneToOneField(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        related_name="method_run",
        verbose_name=_("initiative"),
    )
    version = models.ForeignKey(
        MethodVersion,
        on_delete=models.PROTECT,
        related_name="project_methods",
        verbose_name=_("method version"),
    )
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="project_methods", verbose_name=_("level")
    )
    current_phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        related_name="current_projects",
        verbose_name=_("current phase"),
    )
    # The overall risk as the project leader judges it when choosing the level, 1 (low) to 5.
    risk = models.PositiveSmallIntegerField(
        _("overall risk (1–5)"), null=True, blank=True, validators=RISK_VALIDATORS
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    # Set when the last phase's decision point is approved; the phase stays the last one.
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project method")
        verbose_name_plural = _("project methods")

    def __str__(self) -> str:
        return f"{self.initiative} – {self.version}"


class CriterionAnswer(MunicipalityOwned):
    """How a project meets one of its method's criteria, said when it was classed on it."""

    project_method = models.ForeignKey(
        ProjectMethod,
        on_delete=models.CASCADE,
        related_name="criterion_answers",
        verbose_name=_("project method"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("criterion")
    )
    explanation = limited_text(_("how the project meets it"), TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__position", "pk"]
        verbose_name = _("criterion answer")
        verbose_name_plural = _("criterion answers")
        constraints = [
            models.UniqueConstraint(
                fields=["project_method", "criterion"], name="criterion_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_method} – {self.criterion}"


class DecisionRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for decision")
    DECIDED = "decided", _("Decided")


class DecisionRequest(MunicipalityOwned):
    """A project's request for the decision that ends its current phase."""

    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        related_name="decision_requests",
        verbose_name=_("initiative"),
    )
    decision_point = models.ForeignKey(
        DecisionPoint,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("decision point"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    note = limited_text(_("note"), TEXT, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DecisionRequestStatus.choices,
        default=DecisionRequestStatus.PENDING,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("decision request")
        verbose_name_plural = _("decision requests")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(status="pending"),
                name="decision_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} – {self.decision_point}"


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    SENT_BACK = "sent_back", _("Sent back")
    STOPPED = "stopped", _("Stopped")


APPROVING_OUTCOMES = frozenset({DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS})


class Decision(MunicipalityOwned):
    """The answer to a decision request: who decided what, when, and where the project went.
    A decision at the gate into operation names who runs the solution and who owns its
    benefits."""

    request = models.OneToOneField(
        DecisionRequest,
        on_delete=models.CASCADE,
        related_name="decision",
        verbose_name=_("decision request"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=30, choices=DecisionOutcome.choices)
    comment = limited_text(_("conditions or comment"), TEXT, blank=True)
    from_phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, related_name="+", verbose_name=_("from phase")
    )
    to_phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to phase"),
    )
    completes_method = models.BooleanField(_("completes the method"), default=False)
    operations_unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operations unit"),
    )
    operations_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operations person"),
    )
    handover_date = models.DateField(_("handover date"), null=True, blank=True)
    benefits_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("benefits owner"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.request} – {self.get_outcome_display()}"
