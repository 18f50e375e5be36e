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

from helhet.core.formats import kroner_text, number_text
from helhet.core.models import MunicipalityOwned
from helhet.core.text import LONG_TEXT, TEXT, limited_text

PERCENT_MAX = Decimal(100)


def format_number(value: Decimal) -> str:
    """A saved number as a person would write it in the active language: "1 613 764", "31,5"."""
    return number_text(value)


def format_kroner(value: Decimal) -> str:
    """An amount of money as a person would write it: whole kroner without decimals, otherwise
    with two for the øre: "1 613 764", "8 452,50"."""
    return kroner_text(value)


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
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    dimension = models.CharField(_("dimension"), max_length=30, choices=Dimension.choices)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    kind = models.CharField(_("type of benefit"), max_length=20, choices=BenefitKind.choices)
    planned_amount = models.DecimalField(
        _("planned amount a year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    preconditions = limited_text(_("preconditions"), LONG_TEXT, blank=True)
    realisation_method = limited_text(_("how the benefit is taken out"), LONG_TEXT, blank=True)
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
    abandon_reason = limited_text(_("why it was abandoned"), TEXT, blank=True)
    # Derived (``derived_fields``), never written by hand: the progress of the benefit's amount
    # indicator from its newest counted measurement, in the indicator's unit (kroner, hours, or
    # FTE when ``measured_in_fte``), signed so that progress toward the target counts up; empty
    # without such an indicator in a unit the kind converts, a measurement, or a target apart from
    # the baseline. The rule of ``figures.realised_amount``, kept by every service that changes
    # what it derives from, in the same transaction (``services.monetary``), so the overview of
    # tens of thousands of benefits reads it from the benefit instead of joining its indicators.
    measured_progress = models.DecimalField(
        max_digits=18, decimal_places=4, null=True, blank=True, editable=False
    )
    measured_in_fte = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    derived_fields = ("measured_progress", "measured_in_fte")
    history = HistoricalRecords(m2m_fields=[owners], excluded_fields=list(derived_fields))

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
                errors["planned_amount"] = _("The planned benefit cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @property
    def planned_amount_text(self) -> str:
        """The planned benefit: kroner (with øre when any) for a direct one, hours otherwise."""
        if self.planned_amount is None:
            return ""
        if self.kind == BenefitKind.DIRECT:
            return format_kroner(self.planned_amount)
        return format_number(self.planned_amount)

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
    # The indicator whose progress is the benefit's realised amount: kroner for a direct
    # benefit, hours or FTE for an indirect one. At most one per benefit.
    measures_amount = models.BooleanField(_("measures the benefit's amount"), default=False)
    # A benefit that comes only as far as a solution is taken into use (dispensers free nurses'
    # time only where they are in use): the plan shows the solution's adoption beside it.
    solution = models.ForeignKey(
        "adoption.Solution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("depends on the use of"),
    )
    # The newest measurement, kept by the measurement services (``indicator_latest_refresh``),
    # so the overview of tens of thousands of benefits reads it without searching measurements.
    latest_measured_on = models.DateField(_("last measured on"), null=True, blank=True)
    latest_value = models.DecimalField(
        _("latest value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    derived_fields = ("latest_measured_on", "latest_value")
    history = HistoricalRecords(excluded_fields=list(derived_fields))

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
            models.UniqueConstraint(
                fields=["benefit"],
                condition=Q(measures_amount=True),
                name="indicator_one_measures_amount_per_benefit",
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
        """The unit as shown next to a value: the user's own name for a custom unit, nothing
        for a count ("34", not "34 antall")."""
        if self.unit == IndicatorUnit.CUSTOM:
            return self.unit_label
        return str(UNIT_SYMBOLS.get(IndicatorUnit(self.unit), ""))

    @property
    def unit_name(self) -> str:
        """The unit named in a column of its own: as beside a value, or "Antall" for a count."""
        return self.unit_display or str(self.get_unit_display())

    def value_text(self, value: Decimal) -> str:
        """A value in the indicator's unit as shown: kroner with øre when there are any."""
        return format_kroner(value) if self.unit == IndicatorUnit.NOK else format_number(value)

    @property
    def baseline_text(self) -> str:
        return self.value_text(self.baseline_value)

    @property
    def target_text(self) -> str:
        return self.value_text(self.target_value)

    @property
    def target_equals_baseline(self) -> bool:
        """Achievement is (value - baseline) / (target - baseline): undefined here."""
        return self.target_value == self.baseline_value


UNIT_SYMBOLS = {
    IndicatorUnit.NOK: _("NOK"),
    IndicatorUnit.HOURS: _("hours"),
    IndicatorUnit.FTE: _("FTE"),
    IndicatorUnit.PERCENT: _("percent"),
}


class MeasurementQuerySet(models.QuerySet["Measurement"]):
    def counted(self) -> MeasurementQuerySet:
        """Those that count towards what is realised: all but the project leader's that await
        confirmation."""
        return self.exclude(by_project_leader=True, confirmed_at__isnull=True)


class Measurement(MunicipalityOwned):
    """One measured value of an indicator on a date, by the benefits owner who recorded it, with
    an optional evidence file (kept like a project document's upload: checked by content, stored
    under a random name outside the web root). Never before the indicator's baseline; one per
    indicator and date."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    comment = limited_text(_("comment"), TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # Segregation of duties: a measurement by the project's own leader ("registrert av
    # prosjektleder") counts as realised only once the benefit's owner, its responsible line
    # manager or the portfolio office confirms it (helhet.accounts.duties).
    by_project_leader = models.BooleanField(_("recorded by the project leader"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    evidence_stored_name = models.CharField(_("stored name"), max_length=64, blank=True)
    evidence_name = models.CharField(_("evidence file"), max_length=255, blank=True)
    evidence_type = models.CharField(_("file type"), max_length=10, blank=True)
    evidence_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    evidence_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "measured_on", "pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_one_per_indicator_and_date"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "indicator", "measured_on"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on}"

    @property
    def value_text(self) -> str:
        return self.indicator.value_text(self.value)

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_stored_name)

    @property
    def awaits_confirmation(self) -> bool:
        """Recorded by the project's leader and not yet confirmed: shown, but not counted."""
        return self.by_project_leader and self.confirmed_at is None

    @property
    def counts(self) -> bool:
        """Whether the measurement counts towards what is realised."""
        return not self.awaits_confirmation


class BudgetCut(MunicipalityOwned):
    """A benefit taken out as a cut in a unit's budget frame from a budget year. A cut made before
    its benefit is realised is a risk the overview shows (the audit, citing KS)."""

    benefit = models.ForeignKey(
        Benefit, on_delete=models.CASCADE, related_name="budget_cuts", verbose_name=_("benefit")
    )
    unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit whose budget is cut"),
    )
    amount = models.DecimalField(_("amount a year (NOK)"), max_digits=14, decimal_places=2)
    budget_year = models.PositiveSmallIntegerField(_("from budget year"))
    comment = limited_text(_("comment"), TEXT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["benefit", "budget_year", "pk"]
        verbose_name = _("budget cut")
        verbose_name_plural = _("budget cuts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_cut_amount_positive"),
            models.CheckConstraint(
                condition=Q(budget_year__gte=2000) & Q(budget_year__lte=2100),
                name="budget_cut_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.benefit}: {self.budget_year}"

    @property
    def amount_text(self) -> str:
        return format_kroner(self.amount)


class MonetaryGain(MunicipalityOwned):
    """Derived from the benefits plan, never written by hand: an initiative's monetary gain in
    kroner a year from ``year`` on (0: from the start) until the year of its next row, by the
    rule of ``helhet.benefits.monetary`` (what the fund asks a share of back). Kept by every
    benefits service that changes what it derives from (benefits, amount indicators,
    measurements and their confirmation, budget cuts), in the same transaction
    (``services.monetary.monetary_gains_refresh``); ``manage.py rebuild_fund_figures``
    recomputes all of them."""

    initiative = models.ForeignKey(
        "portfolio.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("from year"))
    amount = models.DecimalField(_("amount a year (NOK)"), max_digits=18, decimal_places=2)

    class Meta:
        ordering = ["initiative", "year"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year"], name="monetary_gain_unique"),
        ]


class CalculationUnit(models.TextChoices):
    """What the cost of one counts: kroner, or hours for a benefit planned in hours."""

    NOK = "nok", _("Kroner")
    HOURS = "hours", _("Hours")


class CalculationPeriod(models.TextChoices):
    DAY = "day", _("Per day")
    YEAR = "year", _("Per year")


class Calculation(MunicipalityOwned):
    """A before/after calculation of a benefit (e.g. the dispensers' table 4): the quantity and
    the cost of one unit before and after, per day or per year, the days in a year and the number
    of users. The totals the source states are kept beside it, so Helhet can show where they
    disagree with what the inputs give instead of hiding it (see ``helhet.benefits.calculator``)."""

    benefit = models.OneToOneField(
        Benefit, on_delete=models.CASCADE, related_name="calculation", verbose_name=_("benefit")
    )
    quantity_label = models.CharField(_("what is counted"), max_length=60)
    unit = models.CharField(
        _("counted in"), max_length=10, choices=CalculationUnit.choices, default=CalculationUnit.NOK
    )
    period = models.CharField(
        _("quantities given"), max_length=10, choices=CalculationPeriod.choices
    )
    days_per_year = models.PositiveSmallIntegerField(_("days in a year"), default=365)
    users = models.PositiveIntegerField(_("number of users"), null=True, blank=True)
    before_quantity = models.DecimalField(_("quantity before"), max_digits=14, decimal_places=4)
    after_quantity = models.DecimalField(_("quantity after"), max_digits=14, decimal_places=4)
    before_unit_cost = models.DecimalField(
        _("cost of one before (NOK)"), max_digits=14, decimal_places=4
    )
    after_unit_cost = models.DecimalField(
        _("cost of one after (NOK)"), max_digits=14, decimal_places=4
    )
    stated_before_daily = models.DecimalField(
        _("stated cost per day before"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    stated_after_daily = models.DecimalField(
        _("stated cost per day after"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    stated_before_yearly = models.DecimalField(
        _("stated cost per year before"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    stated_after_yearly = models.DecimalField(
        _("stated cost per year after"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    stated_before_per_user = models.DecimalField(
        _("stated cost per user before"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    stated_after_per_user = models.DecimalField(
        _("stated cost per user after"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("before/after calculation")
        verbose_name_plural = _("before/after calculations")
        constraints = [
            models.CheckConstraint(
                condition=Q(before_quantity__gte=0)
                & Q(after_quantity__gte=0)
                & Q(before_unit_cost__gte=0)
                & Q(after_unit_cost__gte=0),
                name="calculation_inputs_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(days_per_year__gte=1) & Q(days_per_year__lte=366),
                name="calculation_days_in_a_year",
            ),
            models.CheckConstraint(
                condition=Q(users__isnull=True) | Q(users__gte=1),
                name="calculation_users_at_least_one",
            ),
        ]

    def __str__(self) -> str:
        return str(self.benefit)


DEFAULT_HOURS_PER_FTE = Decimal("1695")


class BenefitSettings(MunicipalityOwned):
    """The municipality's choices for benefits: how many working hours make one full-time
    equivalent (årsverk) when freed time is shown as capacity. 1,695 hours by default."""

    hours_per_fte = models.DecimalField(
        _("hours per full-time equivalent"),
        max_digits=6,
        decimal_places=1,
        default=DEFAULT_HOURS_PER_FTE,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("benefits settings")
        verbose_name_plural = _("benefits settings")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="benefit_settings_one"),
            models.CheckConstraint(
                condition=Q(hours_per_fte__gte=100) & Q(hours_per_fte__lte=3000),
                name="benefit_settings_hours_per_fte_plausible",
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality)
