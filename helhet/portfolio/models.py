"""The portfolio: every initiative (idea, project, programme, activity), the strategic goals they
serve, how they are funded, how they relate, and their status reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.formats import long_date
from helhet.core.models import MunicipalityOwned
from helhet.core.text import LONG_TEXT, TEXT, limited_text
from helhet.core.words import folded_words
from helhet.organization.models import Municipality


def money_field(verbose_name: Any, *, optional: bool = False) -> models.DecimalField[Any, Any]:
    """An amount in NOK: Decimal with øre, never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        null=optional,
        blank=optional,
    )


class GoalLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    MUNICIPAL = "municipal", _("Municipal")


class GoalKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    GOAL = "goal", _("Goal")
    FOCUS_AREA = "focus_area", _("Focus area")
    PURPOSE = "purpose", _("Purpose")


class StrategicGoal(MunicipalityOwned):
    """A strategy, goal, focus area or purpose in the municipality's hierarchy of strategic goals
    (national, regional, municipal). Initiatives say which of them they serve."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    level = models.CharField(_("level"), max_length=20, choices=GoalLevel.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=GoalKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent is not None and self.parent.municipality_id != self.municipality_id:
            raise ValidationError({"parent": _("The goal above must be in the same municipality.")})


class Tag(MunicipalityOwned):
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="tag_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class InitiativeKind(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROJECT = "project", _("Project")
    PROGRAMME = "programme", _("Programme")
    ACTIVITY = "activity", _("Activity")


class InitiativeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class AssessmentStatus(models.TextChoices):
    """Where a risk assessment (ROS), DPIA or data processing agreement stands."""

    UNKNOWN = "", _("Not assessed")
    NOT_NEEDED = "not_needed", _("Not needed")
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")


# Personal data processed without a finished risk assessment (ROS), or with the DPIA not
# assessed at all: one flag, wherever the portfolio asks for attention to privacy.
PRIVACY_NOT_ASSESSED = Q(processes_personal_data=True) & (
    ~Q(ros_status=AssessmentStatus.DONE) | Q(dpia_status=AssessmentStatus.UNKNOWN)
)


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def for_municipality(self, municipality: Municipality) -> InitiativeQuerySet:
        return self.filter(municipality=municipality)

    def active(self) -> InitiativeQuerySet:
        return self.filter(status=InitiativeStatus.ACTIVE)

    def personal_data_without_ros(self) -> InitiativeQuerySet:
        """Initiatives that process personal data without a finished risk assessment or with
        the DPIA not assessed (see ``PRIVACY_NOT_ASSESSED``)."""
        return self.filter(PRIVACY_NOT_ASSESSED)


class Initiative(MunicipalityOwned):
    """Anything the municipality does to digitalise: an idea, a project, a programme of projects,
    or a long-running activity that is not a project."""

    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_description = limited_text(_("short description"), TEXT, blank=True)
    need = limited_text(_("the need it answers"), LONG_TEXT, blank=True)
    owning_unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        related_name="owned_initiatives",
        verbose_name=_("owning unit"),
    )
    participating_units = models.ManyToManyField(
        "organization.OrgUnit",
        blank=True,
        related_name="participating_initiatives",
        verbose_name=_("participating units"),
    )
    programme = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("part of programme"),
    )
    project_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_initiatives",
        verbose_name=_("project owner"),
    )
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_initiatives",
        verbose_name=_("project leader"),
    )
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="contact_for_initiatives",
        verbose_name=_("contact people"),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ACTIVE,
    )
    stop_reason = limited_text(_("why it was stopped"), TEXT, blank=True)
    estimated_cost = money_field(_("estimated cost (NOK)"), optional=True)
    actual_cost = money_field(_("actual cost (NOK)"), optional=True)
    goals = models.ManyToManyField(
        StrategicGoal, blank=True, related_name="initiatives", verbose_name=_("strategic goals")
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="initiatives", verbose_name=_("tags")
    )
    processes_personal_data = models.BooleanField(_("processes personal data"), default=False)
    ros_status = models.CharField(
        _("risk assessment (ROS)"), max_length=20, choices=AssessmentStatus.choices, blank=True
    )
    ros_date = models.DateField(_("ROS date"), null=True, blank=True)
    dpia_status = models.CharField(
        _("DPIA"), max_length=20, choices=AssessmentStatus.choices, blank=True
    )
    dpia_date = models.DateField(_("DPIA date"), null=True, blank=True)
    dpa_status = models.CharField(
        _("data processing agreement"), max_length=20, choices=AssessmentStatus.choices, blank=True
    )
    dpa_date = models.DateField(_("data processing agreement date"), null=True, blank=True)
    # Optimistic concurrency: a save names the version it started from and is refused if
    # someone else saved in between (see services.initiative_update).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The folded words of the name, description and need, kept by the database, for finding the
    # initiatives like another (helhet.learning.similarity); not history: derived from it.
    text_words = folded_words("name", "short_description", "need")
    history = HistoricalRecords(
        m2m_fields=[participating_units, goals, tags, contacts], excluded_fields=["text_words"]
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="initiative_unique_name"),
            models.CheckConstraint(
                condition=~Q(status="stopped") | ~Q(stop_reason=""),
                name="initiative_stopped_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="initiative_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=models.F("actual_start")),
                name="initiative_actual_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["municipality", "kind"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ros_missing(self) -> bool:
        """Personal data processed without a finished risk assessment (ROS)."""
        return self.processes_personal_data and self.ros_status != AssessmentStatus.DONE

    @property
    def dpia_missing(self) -> bool:
        """Personal data processed with the DPIA not assessed."""
        return self.processes_personal_data and self.dpia_status == AssessmentStatus.UNKNOWN

    @property
    def privacy_not_assessed(self) -> bool:
        """The flag of ``PRIVACY_NOT_ASSESSED`` for this initiative."""
        return self.ros_missing or self.dpia_missing

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status == InitiativeStatus.STOPPED and not self.stop_reason.strip():
            errors["stop_reason"] = str(_("Say why the initiative was stopped."))
        if _before(self.planned_end, self.planned_start):
            errors["planned_end"] = str(_("The planned end cannot be before the planned start."))
        if _before(self.actual_end, self.actual_start):
            errors["actual_end"] = str(_("The actual end cannot be before the actual start."))
        if self.owning_unit_id and self.owning_unit.municipality_id != self.municipality_id:
            errors["owning_unit"] = str(_("The unit must be in the same municipality."))
        if self.programme_id is not None:
            if self.programme_id == self.pk:
                errors["programme"] = str(_("An initiative cannot be part of itself."))
            elif self.programme is not None and (
                self.programme.kind != InitiativeKind.PROGRAMME
                or self.programme.municipality_id != self.municipality_id
            ):
                errors["programme"] = str(_("Choose a programme in the same municipality."))
        if errors:
            raise ValidationError(errors)


def _before(end: date | None, start: date | None) -> bool:
    return end is not None and start is not None and end < start


class FundingSourceKind(models.TextChoices):
    OWN_BUDGET = "own_budget", _("Own budget")
    DIGITALISATION_FUND = "digitalisation_fund", _("The digitalisation fund")
    INNOVASJON_NORGE = "innovasjon_norge", _("Innovasjon Norge")
    EU = "eu", _("EU")
    STATE_GRANT = "state_grant", _("Other state grant")
    OTHER = "other", _("Other")


class FundingSource(MunicipalityOwned):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="funding_sources"
    )
    source = models.CharField(_("source"), max_length=30, choices=FundingSourceKind.choices)
    amount = money_field(_("amount (NOK)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


class RelationKind(models.TextChoices):
    DEPENDS_ON = "depends_on", _("depends on")
    OVERLAPS = "overlaps", _("overlaps with")
    REPLACES = "replaces", _("replaces")


class InitiativeRelation(MunicipalityOwned):
    source = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("related initiative")
        verbose_name_plural = _("related initiatives")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="relation_unique"),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relation_not_to_itself"
            ),
        ]


class InitiativeLink(MunicipalityOwned):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("document link")
        verbose_name_plural = _("document links")


class Rating(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


RATED_ASPECTS = ("progress", "economy", "quality", "risk", "benefits")
RED_NEEDS_A_REASON = _("Say why this is red and what is being done about it.")


class StatusReportQuerySet(models.QuerySet["StatusReport"]):
    def newest_per_initiative(self) -> StatusReportQuerySet:
        """Only each initiative's newest report: the latest ``reported_at``, and of two at the same
        time the later one written (the highest pk). One row per initiative that has reports;
        filter it by initiative, or use it in a subquery with ``initiative=OuterRef("pk")``."""
        newest = (
            StatusReport.objects.filter(initiative=OuterRef("initiative"))
            .order_by("-reported_at", "-pk")
            .values("pk")[:1]
        )
        return self.filter(pk=Subquery(newest))


class StatusReport(MunicipalityOwned):
    """A project leader's report on where an initiative stands. Reports are kept as a history; the
    newest is the one the overview shows."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="status_reports"
    )
    reported_at = models.DateTimeField(_("reported"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="status_reports",
        verbose_name=_("reported by"),
    )
    progress = models.CharField(_("progress"), max_length=10, choices=Rating.choices)
    progress_comment = limited_text(_("comment on progress"), TEXT, blank=True)
    economy = models.CharField(_("economy"), max_length=10, choices=Rating.choices)
    economy_comment = limited_text(_("comment on economy"), TEXT, blank=True)
    quality = models.CharField(_("quality"), max_length=10, choices=Rating.choices)
    quality_comment = limited_text(_("comment on quality"), TEXT, blank=True)
    risk = models.CharField(_("risk"), max_length=10, choices=Rating.choices)
    risk_comment = limited_text(_("comment on risk"), TEXT, blank=True)
    benefits = models.CharField(_("benefits"), max_length=10, choices=Rating.choices)
    benefits_comment = limited_text(_("comment on benefits"), TEXT, blank=True)
    summary = limited_text(_("overall summary"), LONG_TEXT)
    # The period the report covers. Reports written before periods were asked for have none.
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    history = HistoricalRecords()

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        indexes = [models.Index(fields=["initiative", "-reported_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True, period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="status_report_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.reported_at:%Y-%m-%d}"

    def clean(self) -> None:
        """A red aspect says why; the period has both ends, in order, begun by the report."""
        errors: dict[str, str] = {}
        for aspect in RATED_ASPECTS:
            comment = getattr(self, f"{aspect}_comment").strip()
            if getattr(self, aspect) == Rating.RED and not comment:
                errors[f"{aspect}_comment"] = str(RED_NEEDS_A_REASON)
        if self.period_start is None:
            errors["period_start"] = str(_("Write the date the period begins."))
        if self.period_end is None:
            errors["period_end"] = str(_("Write the date the period ends."))
        if _before(self.period_end, self.period_start):
            errors["period_end"] = str(_("The period cannot end before it begins."))
        reported = self.reported_at or timezone.now()
        if self.period_start is not None and self.period_start > timezone.localdate(reported):
            errors["period_start"] = str(_("The period cannot begin after the report is written."))
        if errors:
            raise ValidationError(errors)

    @property
    def period_text(self) -> str:
        """ "1. november 2026 – 30. november 2026", or nothing for a report without a period."""
        if self.period_start is None or self.period_end is None:
            return ""
        return f"{long_date(self.period_start)} – {long_date(self.period_end)}"

    @property
    def overall(self) -> str:
        """The worst of the five ratings: one red aspect makes the report red."""
        ratings = {getattr(self, aspect) for aspect in RATED_ASPECTS}
        for rating in (Rating.RED, Rating.YELLOW, Rating.GREEN):
            if rating in ratings:
                return rating
        return ""


class SavedView(MunicipalityOwned):
    """A named set of overview filters (the query string), kept for oneself or shared with
    everyone in the municipality."""

    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    shared = models.BooleanField(_("shared with everyone in the municipality"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "owner", "name"], name="savedview_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PendingImport(models.Model):
    """A file uploaded for import (the portfolio's, the maturity's or the adoption counts'),
    waiting for the person who uploaded it to confirm the import; its bytes are in the default
    storage (``helhet/portfolio/exchange/pending.py``). A row, not a file on one web node, so
    that of two confirmations on two nodes exactly one claims it (``claimed_at``). Plumbing, not
    domain data: no history; removed a day after the upload."""

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    plan = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
