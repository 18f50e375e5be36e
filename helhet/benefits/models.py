"""An initiative's benefits realisation plan (gevinstrealiseringsplan): the benefits it should
give, who in the line answers for them, and the indicators they are measured by.

A benefit -> its indicators -> (next slice) measurements over time. A benefit without an indicator
is still a benefit: nothing here hides it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned

PERCENT_MAX = Decimal(100)


def format_number(value: Decimal) -> str:
    """A saved number as a person would write it: "1 613 764", "31,5"."""
    normal = value.normalize()
    whole = normal == normal.to_integral_value()
    text = f"{normal:,.0f}" if whole else f"{normal:,f}"
    return text.replace(",", "\u00a0").replace(".", ",")


class Dimension(models.TextChoices):
    """Stavanger's four dimensions for assessing a benefit."""

    ECONOMY = "economy", _("Economy")
    QUALITY = "quality", _("Quality")
    INFORMATION_SECURITY = "information_security", _("Information security")
    CLIMATE_ENVIRONMENT = "climate_environment", _("Climate and environment")


class Category(models.TextChoices):
    """DFØ's classes of benefit."""

    EFFICIENCY = "efficiency", _("Efficiency")
    QUALITY = "quality", _("Quality")
    OTHER_ACTORS = "other_actors", _("Benefit for other actors")


class BenefitKind(models.TextChoices):
    DIRECT = "direct", _("Direct (kroner)")
    INDIRECT = "indirect", _("Indirect (freed time)")
    QUALITATIVE = "qualitative", _("Qualitative")


class BenefitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BEING_REALISED = "being_realised", _("Being realised")
    REALISED = "realised", _("Realised")
    ABANDONED = "abandoned", _("Abandoned")


class Benefit(MunicipalityOwned):
    """One benefit an initiative should give. ``planned_amount`` is in kroner a year for a direct
    benefit and in hours a year for an indirect one; a qualitative benefit has none."""

    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        related_name="benefits",
        verbose_name=_("initiative"),
    )
    title = models.CharField(_("benefit title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    dimension = models.CharField(_("dimension"), max_length=30, choices=Dimension.choices)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    kind = models.CharField(_("type of benefit"), max_length=20, choices=BenefitKind.choices)
    planned_amount = models.DecimalField(
        _("planned amount a year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    preconditions = models.TextField(_("preconditions"), blank=True)
    realisation_method = models.TextField(_("how the benefit is taken out"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benefits_responsible_for",
        verbose_name=_("responsible line manager"),
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="benefits_owned",
        verbose_name=_("benefits owners"),
    )
    due_date = models.DateField(_("to be realised by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BenefitStatus.choices, default=BenefitStatus.PLANNED
    )
    abandon_reason = models.TextField(_("why it was abandoned"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        ordering = ["initiative", "due_date", "title", "pk"]
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="abandoned") | ~Q(abandon_reason=""),
                name="benefit_abandoned_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(planned_amount__isnull=True) | Q(planned_amount__gte=0),
                name="benefit_planned_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(kind="qualitative") | Q(planned_amount__isnull=True),
                name="benefit_qualitative_has_no_amount",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["municipality", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.status == BenefitStatus.ABANDONED and not self.abandon_reason.strip():
            errors["abandon_reason"] = _("Say why the benefit was abandoned.")
        if self.planned_amount is not None:
            if self.kind == BenefitKind.QUALITATIVE:
                errors["planned_amount"] = _(
                    "A qualitative benefit has no amount. Choose direct or indirect, or leave "
                    "the amount empty."
                )
            elif self.planned_amount < 0:
                errors["planned_amount"] = _("The amount cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @property
    def planned_amount_text(self) -> str:
        return "" if self.planned_amount is None else format_number(self.planned_amount)

    @property
    def amount_unit(self) -> str:
        """What ``planned_amount`` counts: kroner a year, hours a year, or nothing."""
        if self.kind == BenefitKind.DIRECT:
            return str(_("NOK a year"))
        if self.kind == BenefitKind.INDIRECT:
            return str(_("hours a year"))
        return ""


class IndicatorUnit(models.TextChoices):
    NOK = "nok", _("Kroner")
    HOURS = "hours", _("Hours")
    FTE = "fte", _("Full-time equivalents")
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Percent")
    CUSTOM = "custom", _("Another unit")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


class Indicator(MunicipalityOwned):
    """How a benefit is measured: from a baseline (nullpunktsmåling) on a date to a target by a
    date, measured at a frequency. Achievement (next slice) is (value - baseline) / (target -
    baseline), undefined when target equals baseline."""

    benefit = models.ForeignKey(
        Benefit, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("benefit")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit of measurement"), max_length=20, choices=IndicatorUnit.choices)
    unit_label = models.CharField(_("name of the unit"), max_length=40, blank=True)
    baseline_value = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), max_digits=16, decimal_places=4)
    target_date = models.DateField(_("target date"))
    frequency = models.CharField(
        _("measurement frequency"), max_length=20, choices=Frequency.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["benefit", "name", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=~Q(unit="custom") | ~Q(unit_label=""),
                name="indicator_custom_unit_has_label",
            ),
            models.CheckConstraint(
                condition=Q(target_date__gte=models.F("baseline_date")),
                name="indicator_target_not_before_baseline",
            ),
            models.CheckConstraint(
                condition=~Q(unit="percent")
                | (
                    Q(baseline_value__gte=0)
                    & Q(baseline_value__lte=100)
                    & Q(target_value__gte=0)
                    & Q(target_value__lte=100)
                ),
                name="indicator_percent_within_0_100",
            ),
            # Kroner, hours, FTE and counts are never negative; a unit the user names may be.
            models.CheckConstraint(
                condition=Q(unit="custom") | (Q(baseline_value__gte=0) & Q(target_value__gte=0)),
                name="indicator_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.unit == IndicatorUnit.CUSTOM and not self.unit_label.strip():
            errors["unit_label"] = _("Name the unit, e.g. “visits a day”.")
        if (
            self.baseline_date is not None
            and self.target_date is not None
            and self.target_date < self.baseline_date
        ):
            errors["target_date"] = _("The target date cannot be before the baseline date.")
        for field in ("baseline_value", "target_value"):
            value = getattr(self, field)
            if value is None or self.unit == IndicatorUnit.CUSTOM:
                continue
            if self.unit == IndicatorUnit.PERCENT and not (0 <= value <= PERCENT_MAX):
                errors[field] = _("A percentage is between 0 and 100.")
            elif value < 0:
                errors[field] = _("The value cannot be negative in this unit.")
        if errors:
            raise ValidationError(errors)

    @property
    def unit_display(self) -> str:
        """The unit as shown next to a value: the user's own name for a custom unit."""
        if self.unit == IndicatorUnit.CUSTOM:
            return self.unit_label
        return str(UNIT_SYMBOLS[IndicatorUnit(self.unit)])

    @property
    def baseline_text(self) -> str:
        return format_number(self.baseline_value)

    @property
    def target_text(self) -> str:
        return format_number(self.target_value)

    @property
    def target_equals_baseline(self) -> bool:
        """Achievement is (value - baseline) / (target - baseline): undefined here."""
        return self.target_value == self.baseline_value


UNIT_SYMBOLS = {
    IndicatorUnit.NOK: _("NOK"),
    IndicatorUnit.HOURS: _("hours"),
    IndicatorUnit.FTE: _("FTE"),
    IndicatorUnit.COUNT: _("count"),
    IndicatorUnit.PERCENT: _("percent"),
}
