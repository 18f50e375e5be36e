"""Solutions in operation and how far they are taken into use: the solution a finished initiative
leaves behind with its natural home (the operations owner), the units that should use it with
their eligible base and target, the dated counts that say how much it is in use, the scale-up
plan (the action matrix: which solution is trialled or scaled up where, when, by whom), and the
follow-up actions a unit gets when adoption lags.

The audit (section 5.5): a new solution often "has no natural home"; use of medicine dispensers
falls when the department stops following up; the target is that 40 % of the relevant users have
one."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from helhet.core.history import HISTORY_UNIT
from helhet.core.models import MunicipalityOwned
from helhet.core.text import SHORT_TEXT, TEXT, limited_text

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
DERIVED_UNIT_FIELDS = [
    "latest_counted_on",
    "latest_value",
    "latest_percent",
    "previous_value",
    "previous_percent",
    "fell",
    "latest_eligible",
    "count_due_on",
]


class SolutionStage(models.TextChoices):
    TRIAL = "trial", _("Being trialled")
    SCALING_UP = "scaling_up", _("Being scaled up")
    IN_OPERATION = "in_operation", _("In operation")
    RETIRED = "retired", _("Retired")


class MeasureKind(models.TextChoices):
    # How many are in use (dispensers in use, users with a fall sensor), of an eligible base
    # where it makes sense (the relevant users).
    COUNT = "count", _("A number in use")
    # A share measured directly (the share of work lists made by Spider), 0–100 %.
    SHARE = "share", _("A share in per cent")


class Solution(MunicipalityOwned):
    """What a finished initiative leaves behind in operation (Spider, medicine dispensers, RPA
    robots, SvarUt), with its natural home: the operations owner (unit and person, taken from the
    gate into operation where the initiative had one)."""

    name = models.CharField(_("name"), max_length=SHORT_TEXT)
    description = limited_text(_("description"), TEXT, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=SolutionStage.choices, default=SolutionStage.IN_OPERATION
    )
    initiatives = models.ManyToManyField(
        "portfolio.Initiative",
        blank=True,
        related_name="solutions",
        verbose_name=_("made by the initiatives"),
    )
    owner_unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operations owner (unit)"),
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operations owner (person)"),
    )
    # The gate into operation the owner was taken from, when the initiative had one.
    handover_decision = models.ForeignKey(
        "methodology.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed over at the decision"),
    )
    in_use_since = models.DateField(_("in use since"))
    measure_kind = models.CharField(
        _("kind of measure"), max_length=10, choices=MeasureKind.choices, default=MeasureKind.COUNT
    )
    measure_name = models.CharField(
        _("what is counted"), max_length=SHORT_TEXT, help_text=_("E.g. dispensers in use.")
    )
    base_name = models.CharField(
        _("eligible base"),
        max_length=SHORT_TEXT,
        blank=True,
        help_text=_("What the count is a share of, where it makes sense: e.g. relevant users."),
    )
    target_percent = models.DecimalField(
        _("target (% of the eligible base)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    count_interval_days = models.PositiveIntegerField(
        _("count at least every (days)"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[initiatives])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_percent__isnull=True)
                | Q(target_percent__gte=0, target_percent__lte=100),
                name="adoption_solution_target_is_a_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SolutionUnit(MunicipalityOwned):
    """A unit that should use the solution: its eligible base (e.g. its relevant users) and its
    own target where it differs from the solution's."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="units", verbose_name=_("solution")
    )
    unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
    )
    eligible_base = models.PositiveIntegerField(_("eligible base"), null=True, blank=True)
    target_percent = models.DecimalField(
        _("own target (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    added_on = models.DateField(_("should use it from"), default=timezone.localdate)
    # The newest count and the one before it, kept by the count services
    # (``solution_unit_latest_refresh``) so the overviews read one row per unit; derived, no
    # history of their own, rebuilt by ``adoption_figures_rebuild``.
    latest_counted_on = models.DateField(_("last counted on"), null=True, blank=True)
    latest_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    latest_percent = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    previous_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    previous_percent = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    fell = models.BooleanField(default=False)
    latest_eligible = models.PositiveIntegerField(null=True, blank=True)
    # The day a new count is due: the latest count (or the day the unit was added) plus the
    # solution's interval; a unit past it is late.
    count_due_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=DERIVED_UNIT_FIELDS)

    class Meta:
        ordering = ["solution", "unit__name", "pk"]
        indexes = [models.Index(fields=["municipality", "count_due_on"])]
        verbose_name = _("unit using the solution")
        verbose_name_plural = _("units using the solution")
        constraints = [
            models.UniqueConstraint(fields=["solution", "unit"], name="adoption_one_row_per_unit"),
            models.CheckConstraint(
                condition=Q(target_percent__isnull=True)
                | Q(target_percent__gte=0, target_percent__lte=100),
                name="adoption_unit_target_is_a_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.solution} – {self.unit}"


class CountSource(models.TextChoices):
    ENTERED = "entered", _("Entered")
    IMPORTED = "imported", _("Imported from a spreadsheet")


class AdoptionCount(MunicipalityOwned):
    """How much the solution is in use in one unit on one day: a number (of the eligible base
    that day, when the solution has one) or a share in per cent."""

    solution_unit = models.ForeignKey(
        SolutionUnit, on_delete=models.CASCADE, related_name="counts", verbose_name=_("unit")
    )
    counted_on = models.DateField(_("counted on"))
    value = models.DecimalField(
        _("in use"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    eligible = models.PositiveIntegerField(_("eligible base that day"), null=True, blank=True)
    comment = limited_text(_("comment"), TEXT, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=CountSource.choices, default=CountSource.ENTERED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["solution_unit", "-counted_on", "-pk"]
        verbose_name = _("adoption count")
        verbose_name_plural = _("adoption counts")
        constraints = [
            models.UniqueConstraint(
                fields=["solution_unit", "counted_on"], name="adoption_one_count_per_day"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="adoption_count_not_negative"),
        ]
        indexes = [models.Index(fields=["solution_unit", "-counted_on"])]


class StepKind(models.TextChoices):
    TRIAL = "trial", _("Trial")
    SCALE_UP = "scale_up", _("Scale up")
    OPERATION = "operation", _("Into operation")


class ScaleUpStep(MunicipalityOwned):
    """A line of the scale-up plan (the action matrix): the solution is trialled or scaled up in
    a unit (or everywhere, no unit) between two dates, someone responsible. A step not done by
    its end date is late."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="steps", verbose_name=_("solution")
    )
    unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    description = limited_text(_("description"), TEXT, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["solution", "starts_on", "pk"]
        verbose_name = _("scale-up step")
        verbose_name_plural = _("scale-up steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="adoption_step_ends_after"
            ),
        ]


class ActionKind(models.TextChoices):
    LIST_REVIEW = "list_review", _("Going through the user lists")
    COURSE = "course", pgettext_lazy("follow-up action", "Course")
    SUPPLIER = "supplier", _("Follow-up by the supplier")
    CHAMPION = "champion", _("A champion in the unit")
    OTHER = "other", _("Other")


class FollowUpAction(MunicipalityOwned):
    """Something done to move a unit's adoption (a list review, a course, the supplier's
    follow-up, a champion in the unit): who, when, and, from the counts, whether adoption moved
    afterwards."""

    solution_unit = models.ForeignKey(
        SolutionUnit, on_delete=models.CASCADE, related_name="actions", verbose_name=_("unit")
    )
    kind = models.CharField(_("action"), max_length=20, choices=ActionKind.choices)
    description = limited_text(_("description"), TEXT, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    planned_on = models.DateField(_("planned for"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["solution_unit", "-planned_on", "-pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")


# The history shows these as what they are, not as amounts in NOK.
for _model, _name, _unit in (
    (Solution, "target_percent", "%"),
    (SolutionUnit, "target_percent", "%"),
    (AdoptionCount, "value", ""),
):
    setattr(_model._meta.get_field(_name), HISTORY_UNIT, _unit)
