"""Ideas from anyone in the municipality: the idea itself with its attachments, the portfolio
office's questions to the one who submitted it, the screening criteria (sets per municipality and
per unit, weighted), the scores, and what became of the idea."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned
from helhet.core.text import SHORT_TEXT, TEXT, limited_text

LOWEST_SCORE, HIGHEST_SCORE = 1, 5
LOWEST_WEIGHT, HIGHEST_WEIGHT = 1, 10


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Being screened")
    PARKED = "parked", _("Parked")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into an initiative")
    PROMOTED = "promoted", _("Promoted to an initiative")


# An idea still open to screening and a decision: a parked idea may be taken up again.
OPEN_STATUSES = frozenset({IdeaStatus.SUBMITTED, IdeaStatus.SCREENING, IdeaStatus.PARKED})


class CriteriaSet(MunicipalityOwned):
    """The criteria ideas are screened on: the municipality's default set (no unit), or a set
    for the ideas of one unit and the units under it (Smartby's own three criteria)."""

    name = models.CharField(_("name"), max_length=SHORT_TEXT)
    unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for the ideas of unit"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__name", "name"]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(unit__isnull=True),
                name="ideas_one_default_criteria_set",
            ),
            models.UniqueConstraint(
                fields=["municipality", "unit"],
                condition=Q(unit__isnull=False),
                name="ideas_one_criteria_set_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ScreeningCriterion(MunicipalityOwned):
    """One criterion of a set, scored 1-5 for each idea, weighing ``weight`` in its score."""

    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("set")
    )
    name = models.CharField(_("name"), max_length=SHORT_TEXT)
    description = limited_text(_("what it asks"), TEXT, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(LOWEST_WEIGHT), MaxValueValidator(HIGHEST_WEIGHT)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("screening criterion")
        verbose_name_plural = _("screening criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=LOWEST_WEIGHT, weight__lte=HIGHEST_WEIGHT),
                name="ideas_criterion_weight_1_to_10",
            ),
            models.UniqueConstraint(
                fields=["criteria_set", "name"], name="ideas_criterion_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Idea(MunicipalityOwned):
    """An idea in plain language from anyone in the municipality: the problem, who has it, an
    idea for a solution and the unit. The portfolio office screens it and decides what becomes
    of it; ``initiative`` is the initiative it was merged into or promoted to."""

    title = models.CharField(_("title"), max_length=SHORT_TEXT)
    problem = limited_text(_("the problem"), TEXT)
    who_has_it = limited_text(_("who has the problem"), TEXT, blank=True)
    solution = limited_text(_("an idea for a solution"), TEXT, blank=True)
    unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        related_name="ideas",
        verbose_name=_("unit"),
    )
    service = models.ForeignKey(
        "maturity.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("service"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="submitted_ideas",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED
    )
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("screened on"),
    )
    score = models.DecimalField(
        _("weighted score"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("screened by"),
    )
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = limited_text(_("reason"), TEXT, blank=True)
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("initiative"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="ideas_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="ideas_score_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["municipality", "submitted_by"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class IdeaAttachment(MunicipalityOwned):
    """A file that came with the idea (a photo, a sketch, a document), checked by its content
    and kept under a random name like a project document's upload."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments")
    stored_name = models.CharField(_("stored name"), max_length=64)
    name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class IdeaQuestion(MunicipalityOwned):
    """A question the portfolio office asks the one who submitted the idea, and their answer."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="questions")
    question = limited_text(_("question"), TEXT)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = limited_text(_("answer"), TEXT, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.question[:60]


class IdeaScore(MunicipalityOwned):
    """An idea's score (1-5) on one criterion."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        ScreeningCriterion, on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(LOWEST_SCORE), MaxValueValidator(HIGHEST_SCORE)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__position", "criterion__pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["idea", "criterion"], name="ideas_one_score_each"),
            models.CheckConstraint(
                condition=Q(score__gte=LOWEST_SCORE, score__lte=HIGHEST_SCORE),
                name="ideas_score_each_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


def weighted_score(pairs: list[tuple[int, int]]) -> Decimal | None:
    """Σ weight·score / Σ weight over (weight, score) pairs, to two decimals; None for none."""
    total_weight = sum(weight for weight, _score in pairs)
    if not total_weight:
        return None
    total = sum((Decimal(weight * score) for weight, score in pairs), Decimal(0))
    return (total / Decimal(total_weight)).quantize(Decimal("0.01"))
