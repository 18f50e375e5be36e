"""Reads of an initiative's benefits realisation plan."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from typing import Any, Generic, TypeVar

from django.db import models
from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.benefits import figures
from helhet.benefits.figures import MeasurementState, Trend
from helhet.benefits.models import (
    DEFAULT_HOURS_PER_FTE,
    Benefit,
    BenefitKind,
    BenefitSettings,
    BenefitStatus,
    BudgetCut,
    Category,
    Dimension,
    Frequency,
    Indicator,
    IndicatorUnit,
    Measurement,
    format_number,
)
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.filters import unit_and_descendants
from helhet.portfolio.models import Initiative
from helhet.portfolio.selectors import ancestor_of_kind


def with_measurements(benefits: QuerySet[Benefit]) -> QuerySet[Benefit]:
    """``benefits`` with their responsible line manager, owners, and indicators with their
    measurements (oldest first), in a fixed number of queries however many there are."""
    return benefits.select_related("responsible").prefetch_related(
        Prefetch("owners", queryset=User.objects.order_by("first_name", "last_name")),
        Prefetch("indicators", queryset=Indicator.objects.order_by("name", "pk")),
        Prefetch(
            "indicators__measurements",
            queryset=Measurement.objects.select_related("recorded_by").order_by(
                "measured_on", "pk"
            ),
        ),
    )


def benefits_plan(initiative: Initiative) -> QuerySet[Benefit]:
    """The initiative's benefits, each with its responsible line manager, owners, indicators with
    their measurements (oldest first), budget cuts and before/after calculation, in a fixed
    number of queries however many there are. Benefits without indicators are included."""
    return (
        with_measurements(Benefit.objects.filter(initiative=initiative))
        .select_related("calculation")
        .prefetch_related(
            Prefetch(
                "budget_cuts",
                queryset=BudgetCut.objects.select_related("unit").order_by("budget_year", "pk"),
            ),
        )
        .order_by("due_date", "title", "pk")
    )


# --- follow-up in the line: an indicator's figures, my benefits, reminders ---

TREND_SYMBOLS = {Trend.IMPROVING: "↗", Trend.WORSENING: "↘", Trend.UNCHANGED: "→"}
# The order the follow-up pages show benefits in: what needs doing first.
STATE_ORDER = (
    MeasurementState.OVERDUE,
    MeasurementState.DUE,
    MeasurementState.NOT_DUE,
    MeasurementState.ENDED,
)


def percent_text(fraction: Decimal) -> str:
    """A fraction as a whole percentage the way it is written in Norwegian: "51 %"."""
    whole = (fraction * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{format_number(whole if whole else Decimal(0))}\u00a0%"


@dataclass(frozen=True)
class IndicatorFigures:
    """Where an indicator stands today: its measurements (oldest first), the latest and the one
    before, achievement as a fraction (1 = the target reached; ``None`` when the target equals
    the baseline or nothing is measured yet) and as text, the trend, whether a measurement is
    due, and when the next one falls due (``None`` once the benefit is no longer followed up)."""

    indicator: Indicator
    measurements: tuple[Measurement, ...]
    latest: Measurement | None
    previous: Measurement | None
    achievement: Decimal | None
    achievement_percent_text: str
    trend: Trend | None
    state: MeasurementState
    next_due: date | None

    @property
    def trend_symbol(self) -> str:
        return TREND_SYMBOLS[self.trend] if self.trend is not None else ""


def indicator_figures(indicator: Indicator, *, today: date) -> IndicatorFigures:
    """The indicator's figures by the shared rules of ``helhet.benefits.figures``, from
    ``indicator.measurements.all()`` and ``indicator.benefit``: no query when they are
    prefetched (``benefits_plan``, ``my_benefits``)."""
    measurements = tuple(
        sorted(indicator.measurements.all(), key=lambda found: (found.measured_on, found.pk))
    )
    latest = measurements[-1] if measurements else None
    previous = measurements[-2] if len(measurements) > 1 else None
    baseline, target = indicator.baseline_value, indicator.target_value
    achieved = None if latest is None else figures.achievement(baseline, target, latest.value)
    if indicator.target_equals_baseline:
        text = str(_("Target equals baseline: achievement cannot be computed"))
    else:
        text = "" if achieved is None else percent_text(achieved)
    state = figures.measurement_state(
        frequency=indicator.frequency,
        last_measured=latest.measured_on if latest else None,
        baseline_date=indicator.baseline_date,
        benefit_status=indicator.benefit.status,
        today=today,
    )
    trend = None
    if latest is not None:
        before = previous.value if previous is not None else None
        trend = figures.trend(baseline, target, before, latest.value)
    next_due = None
    if state != MeasurementState.ENDED:
        last = latest.measured_on if latest is not None else None
        next_due = figures.next_due(indicator.frequency, last, indicator.baseline_date)
    return IndicatorFigures(
        indicator=indicator,
        measurements=measurements,
        latest=latest,
        previous=previous,
        achievement=achieved,
        achievement_percent_text=text,
        trend=trend,
        state=state,
        next_due=next_due,
    )


@dataclass(frozen=True)
class BenefitFollowUp:
    """A benefit as its owner follows it up: its indicators' figures, the most pressing state
    among them, and the earliest date a measurement falls due."""

    benefit: Benefit
    indicators: tuple[IndicatorFigures, ...]
    state: MeasurementState
    next_due: date | None


def benefit_follow_up(benefit: Benefit, *, today: date) -> BenefitFollowUp:
    """The benefit's follow-up from its prefetched indicators and measurements. A benefit with
    no indicator cannot fall due: it is "not due" (and the page says it has no indicator)."""
    indicators = tuple(
        indicator_figures(indicator, today=today) for indicator in benefit.indicators.all()
    )
    if benefit.status not in figures.FOLLOWED_STATUSES:
        state = MeasurementState.ENDED
    else:
        states = {found.state for found in indicators}
        state = next(
            (candidate for candidate in STATE_ORDER if candidate in states),
            MeasurementState.NOT_DUE,
        )
    dues = [found.next_due for found in indicators if found.next_due is not None]
    return BenefitFollowUp(benefit, indicators, state, min(dues) if dues else None)


@dataclass(frozen=True)
class MyBenefits:
    """A member's benefits grouped by what needs doing: measurements overdue, due soon, not due,
    and the benefits whose follow-up has ended (realised or abandoned)."""

    overdue: tuple[BenefitFollowUp, ...]
    due: tuple[BenefitFollowUp, ...]
    not_due: tuple[BenefitFollowUp, ...]
    ended: tuple[BenefitFollowUp, ...]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due) + len(self.not_due) + len(self.ended)

    def groups(self) -> list[tuple[MeasurementState, tuple[BenefitFollowUp, ...]]]:
        return [
            (MeasurementState.OVERDUE, self.overdue),
            (MeasurementState.DUE, self.due),
            (MeasurementState.NOT_DUE, self.not_due),
            (MeasurementState.ENDED, self.ended),
        ]


def _followed_by_person(user_id: int) -> Q:
    owned = Benefit.owners.through.objects.filter(user_id=user_id).values("benefit_id")
    return Q(responsible_id=user_id) | Q(pk__in=owned)


def my_benefits(membership: Membership, *, today: date) -> MyBenefits:
    """The benefits in the member's municipality that the member owns (gevinsteier) or answers
    for (gevinstansvarlig), with initiative, owners, indicators and measurements, in a fixed
    number of queries. Whatever the initiative's status: a closed project's benefits stay until
    they are realised or abandoned, and then show among the ended ones. Within a group the
    earliest due comes first."""
    benefits = (
        with_measurements(
            Benefit.objects.filter(municipality_id=membership.municipality_id).filter(
                _followed_by_person(membership.user_id)
            )
        )
        .select_related("initiative")
        .order_by("due_date", "title", "pk")
    )
    grouped: dict[MeasurementState, list[BenefitFollowUp]] = {state: [] for state in STATE_ORDER}
    for benefit in benefits:
        follow_up = benefit_follow_up(benefit, today=today)
        grouped[follow_up.state].append(follow_up)
    for rows in grouped.values():
        rows.sort(key=lambda row: (row.next_due or date.max, row.benefit.title, row.benefit.pk))
    return MyBenefits(
        overdue=tuple(grouped[MeasurementState.OVERDUE]),
        due=tuple(grouped[MeasurementState.DUE]),
        not_due=tuple(grouped[MeasurementState.NOT_DUE]),
        ended=tuple(grouped[MeasurementState.ENDED]),
    )


@dataclass(frozen=True)
class DueIndicator:
    """An indicator whose measurement is due or overdue, with its benefit and initiative."""

    indicator: Indicator
    state: MeasurementState
    last_measured: date | None
    next_due: date


@dataclass(frozen=True)
class OwnerReminder:
    """One person to remind, and the indicators they should measure, earliest due first."""

    owner: User
    indicators: tuple[DueIndicator, ...]


def owners_with_due_measurements(
    *, today: date, municipality: Municipality | None = None
) -> list[OwnerReminder]:
    """Everyone who should measure something: for each indicator due or overdue (by
    ``figures.measurement_state``) on a benefit still followed up (``figures.FOLLOWED_STATUSES``,
    whatever its project's status), the benefit's owners, or its responsible line manager when
    it has no owner. Active people only, those without an e-mail address included (the caller
    says they cannot be e-mailed). Two queries, however many indicators and people."""
    due_before = reduce(
        operator.or_,
        (
            Q(frequency=frequency, last_or_baseline__lt=figures.due_cutoff(frequency, today))
            for frequency in Frequency
        ),
    )
    indicators = (
        Indicator.objects.filter(benefit__status__in=figures.FOLLOWED_STATUSES)
        .annotate(last_measured=Max("measurements__measured_on"))
        .annotate(last_or_baseline=Coalesce("last_measured", "baseline_date"))
        .filter(due_before)
        .select_related("benefit__initiative", "benefit__responsible")
        .prefetch_related("benefit__owners")
        .order_by("pk")
    )
    if municipality is not None:
        indicators = indicators.filter(municipality=municipality)
    by_owner: dict[int, tuple[User, list[DueIndicator]]] = {}
    for indicator in indicators:
        last_measured: date | None = indicator.last_measured
        state = figures.measurement_state(
            frequency=indicator.frequency,
            last_measured=last_measured,
            baseline_date=indicator.baseline_date,
            benefit_status=indicator.benefit.status,
            today=today,
        )
        if state not in (MeasurementState.DUE, MeasurementState.OVERDUE):
            continue
        due = DueIndicator(
            indicator=indicator,
            state=state,
            last_measured=last_measured,
            next_due=figures.next_due(indicator.frequency, last_measured, indicator.baseline_date),
        )
        benefit = indicator.benefit
        people = list(benefit.owners.all()) or (
            [benefit.responsible] if benefit.responsible is not None else []
        )
        for person in people:
            if person.is_active:
                by_owner.setdefault(person.pk, (person, []))[1].append(due)
    reminders = [
        OwnerReminder(
            owner=person,
            indicators=tuple(
                sorted(
                    items,
                    key=lambda item: (
                        item.next_due,
                        item.indicator.benefit.initiative.name,
                        item.indicator.benefit.title,
                        item.indicator.name,
                    ),
                )
            ),
        )
        for person, items in by_owner.values()
    ]
    reminders.sort(
        key=lambda reminder: (
            reminder.owner.last_name,
            reminder.owner.first_name,
            reminder.owner.username,
        )
    )
    return reminders


# --- Benefits overview (gevinstoversikt): filters, figures and lists in the database ---

# How many rows each of the overview's lists shows; the count is always complete.
LIST_LIMIT = 50
# What a listed benefit shows (its initiative's name and responsible line manager included).
LISTED_BENEFIT_FIELDS = (
    "title",
    "kind",
    "status",
    "due_date",
    "initiative_id",
    "initiative__name",
    "responsible__username",
    "responsible__first_name",
    "responsible__last_name",
)
# Realised values: an indicator's progress (4 decimals) times the hours in an FTE (1 decimal).
REALISED_FIELD: DecimalField[Decimal, Decimal] = DecimalField(max_digits=24, decimal_places=6)
ZERO = Decimal(0)


@dataclass(frozen=True)
class BenefitFilters:
    """The overview's filters (all optional; they combine). Used by the overview page and the
    API alike, so a filter means the same in both."""

    initiative: int | None = None  # Initiative pk
    owner: int | None = None  # User pk: benefits this person owns (a benefits owner, gevinsteier)
    dimension: str = ""
    category: str = ""
    kind: str = ""
    status: str = ""
    unit: int | None = None  # OrgUnit pk: initiatives whose owning unit is it or under it
    year: int | None = None  # the year of the benefit's due date
    overdue: bool = False  # only benefits with an indicator whose measurement is overdue

    @property
    def active(self) -> bool:
        return any(getattr(self, name) not in (None, "", False) for name in self.__annotations__)


def hours_per_fte(municipality: Municipality) -> Decimal:
    """The hours in one full-time equivalent (årsverk) in the municipality: its setting, or
    1,695 when it has none."""
    found = (
        BenefitSettings.objects.filter(municipality=municipality)
        .values_list("hours_per_fte", flat=True)
        .first()
    )
    return DEFAULT_HOURS_PER_FTE if found is None else found


def overdue_indicators(today: date) -> QuerySet[Indicator]:
    """Indicators whose measurement is overdue today by ``figures.overdue_cutoff``: the newest
    measurement (the baseline date when there is none) is older than one interval of the
    indicator's frequency. Whether the benefit is still followed up is the caller's concern."""
    # The cutoff per frequency as one expression; the newest measurement's date is kept on the
    # indicator (services.indicator_latest_refresh).
    cutoff = Case(
        *[
            When(frequency=frequency, then=Value(figures.overdue_cutoff(frequency, today)))
            for frequency in Frequency
        ],
        output_field=DateField(),
    )
    return (
        Indicator.objects.order_by()
        .annotate(
            last_or_baseline=Coalesce(F("latest_measured_on"), F("baseline_date")),
            cutoff=cutoff,
        )
        .filter(last_or_baseline__lt=F("cutoff"))
    )


def _has_overdue_measurement(today: date) -> Q:
    """A benefit still followed up with at least one overdue indicator."""
    return Q(status__in=figures.FOLLOWED_STATUSES) & Q(
        Exists(overdue_indicators(today).filter(benefit=OuterRef("pk")))
    )


def _filtered(municipality: Municipality, filters: BenefitFilters, today: date) -> Q:
    """The filters as one condition on Benefit (the unit's subtree is looked up here: one query
    when a unit is chosen)."""
    condition = Q(municipality=municipality)
    if filters.initiative is not None:
        condition &= Q(initiative_id=filters.initiative)
    if filters.owner is not None:
        owned = Benefit.owners.through.objects.filter(
            benefit_id=OuterRef("pk"), user_id=filters.owner
        )
        condition &= Q(Exists(owned))
    for name in ("dimension", "category", "kind", "status"):
        value = getattr(filters, name)
        if value:
            condition &= Q(**{name: value})
    if filters.unit is not None:
        # The portfolio's own subtree rule; a unit of another municipality has no initiatives
        # here, so it finds nothing rather than failing.
        unit = OrgUnit(pk=filters.unit, municipality_id=municipality.pk)
        condition &= Q(initiative__owning_unit_id__in=unit_and_descendants(unit))
    if filters.year is not None:
        condition &= Q(due_date__year=filters.year)
    if filters.overdue:
        condition &= _has_overdue_measurement(today)
    return condition


def benefits_filtered(
    municipality: Municipality, filters: BenefitFilters, *, today: date
) -> QuerySet[Benefit]:
    """The municipality's benefits that pass every filter, with their initiative and responsible
    line manager, by initiative name and title. No rows are loaded here; benefits of another
    municipality never pass."""
    return (
        Benefit.objects.filter(_filtered(municipality, filters, today))
        .select_related("initiative", "responsible")
        .order_by("initiative__name", "initiative_id", "title", "pk")
    )


def _amount_progress(kind: str, hours: Decimal, benefit_pk: str) -> Subquery:
    """The progress of the benefit's amount indicator in a unit ``kind`` converts (see
    ``figures.realised_amount``), from its newest measurement: kroner, hours, or FTE times the
    hours in one. NULL when there is no such indicator, no measurement, or the target equals the
    baseline. One index lookup per benefit: the one indicator that measures its amount, which
    carries its newest measurement (``services.indicator_latest_refresh``)."""
    direction = Case(
        When(target_value__gt=F("baseline_value"), then=Value(1)),
        When(target_value__lt=F("baseline_value"), then=Value(-1)),
        default=Value(None),
        output_field=IntegerField(),
    )
    factor = Case(
        When(unit=IndicatorUnit.FTE, then=Value(hours)),
        default=Value(Decimal(1)),
        output_field=REALISED_FIELD,
    )
    indicator = (
        Indicator.objects.filter(
            benefit_id=OuterRef(benefit_pk),
            measures_amount=True,
            unit__in=figures.amount_units_for(kind),
        )
        .order_by()
        .annotate(
            realised=ExpressionWrapper(
                (F("latest_value") - F("baseline_value")) * direction * factor,
                output_field=REALISED_FIELD,
            )
        )
        .values("realised")[:1]
    )
    return Subquery(indicator, output_field=REALISED_FIELD)


def realised_value(hours: Decimal, *, prefix: str = "") -> Coalesce:
    """A benefit's realised value a year as a database expression (``prefix`` reaches the
    benefit from another model, e.g. "benefit__"): the progress of its amount indicator
    (``figures.realised_amount``: kroner for a direct benefit, hours for an indirect one);
    without such an indicator or measurement, the planned amount when the benefit is marked
    realised; otherwise nothing (0). A qualitative benefit is valued at nothing."""
    measured = Case(
        *[
            When(**{f"{prefix}kind": kind}, then=_amount_progress(kind, hours, f"{prefix}pk"))
            for kind in (BenefitKind.DIRECT, BenefitKind.INDIRECT)
        ],
        default=Value(None),
        output_field=REALISED_FIELD,
    )
    by_status = Case(
        When(
            **{f"{prefix}status": BenefitStatus.REALISED},
            then=Coalesce(F(f"{prefix}planned_amount"), Value(ZERO), output_field=REALISED_FIELD),
        ),
        default=Value(ZERO),
        output_field=REALISED_FIELD,
    )
    return Coalesce(measured, by_status, output_field=REALISED_FIELD)


def with_realised(benefits: QuerySet[Benefit], hours: Decimal) -> QuerySet[Benefit]:
    """``benefits`` annotated with ``realised``, by the rule of ``realised_value``, for scans of
    many benefits: the amount indicator (at most one per benefit) is joined rather than looked
    up row by row; it carries its newest measurement (``services.indicator_latest_refresh``)."""
    converts = reduce(
        operator.or_,
        (
            Q(kind=kind, amount_indicator__unit__in=figures.amount_units_for(kind))
            for kind in (BenefitKind.DIRECT, BenefitKind.INDIRECT)
        ),
    )
    direction = Case(
        When(
            amount_indicator__target_value__gt=F("amount_indicator__baseline_value"),
            then=Value(1),
        ),
        When(
            amount_indicator__target_value__lt=F("amount_indicator__baseline_value"),
            then=Value(-1),
        ),
        default=Value(None),
        output_field=IntegerField(),
    )
    factor = Case(
        When(amount_indicator__unit=IndicatorUnit.FTE, then=Value(hours)),
        default=Value(Decimal(1)),
        output_field=REALISED_FIELD,
    )
    measured = Case(
        When(
            converts,
            then=ExpressionWrapper(
                (F("amount_indicator__latest_value") - F("amount_indicator__baseline_value"))
                * direction
                * factor,
                output_field=REALISED_FIELD,
            ),
        ),
        default=Value(None),
        output_field=REALISED_FIELD,
    )
    by_status = Case(
        When(
            status=BenefitStatus.REALISED,
            then=Coalesce(F("planned_amount"), Value(ZERO), output_field=REALISED_FIELD),
        ),
        default=Value(ZERO),
        output_field=REALISED_FIELD,
    )
    return benefits.annotate(
        amount_indicator=FilteredRelation(
            "indicators", condition=Q(indicators__measures_amount=True)
        )
    ).annotate(realised=Coalesce(measured, by_status, output_field=REALISED_FIELD))


@dataclass(frozen=True)
class Figures:
    """Count, planned and realised value a year of a set of benefits: kroner for the direct
    ones, hours for the indirect ones (also as full-time equivalents). Qualitative benefits are
    counted, valued at nothing."""

    count: int = 0
    planned_nok: Decimal = ZERO
    realised_nok: Decimal = ZERO
    planned_hours: Decimal = ZERO
    realised_hours: Decimal = ZERO
    hours_per_fte: Decimal = DEFAULT_HOURS_PER_FTE

    @property
    def planned_fte(self) -> Decimal:
        return figures.hours_to_fte(self.planned_hours, self.hours_per_fte)

    @property
    def realised_fte(self) -> Decimal:
        return figures.hours_to_fte(self.realised_hours, self.hours_per_fte)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.count + other.count,
            self.planned_nok + other.planned_nok,
            self.realised_nok + other.realised_nok,
            self.planned_hours + other.planned_hours,
            self.realised_hours + other.realised_hours,
            self.hours_per_fte,
        )


def _figure_aggregates() -> dict[str, Any]:
    """Count and sums per group. Every grouping includes the kind, so kroner and hours are told
    apart in Python (``_figures``) and the realised expression is evaluated once per row."""
    return {"n": Count("pk"), "planned_sum": Sum("planned_amount"), "realised_sum": Sum("realised")}


def _figures(row: dict[str, Any], hours: Decimal) -> Figures:
    planned, realised = row["planned_sum"] or ZERO, row["realised_sum"] or ZERO
    if row["kind"] == BenefitKind.DIRECT:
        return Figures(row["n"], planned_nok=planned, realised_nok=realised, hours_per_fte=hours)
    if row["kind"] == BenefitKind.INDIRECT:
        return Figures(
            row["n"], planned_hours=planned, realised_hours=realised, hours_per_fte=hours
        )
    return Figures(row["n"], hours_per_fte=hours)


@dataclass(frozen=True)
class Line:
    """One line of a breakdown. ``key`` is the filter value that shows just these benefits
    (``param`` names the filter); empty when no filter does (benefits without a date)."""

    key: str
    label: str
    figures: Figures
    param: str = ""


T = TypeVar("T")


@dataclass(frozen=True)
class Listing(Generic[T]):
    """The first LIST_LIMIT rows of a list, and how many there are in all."""

    total: int
    rows: list[T]

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _first_rows(queryset: QuerySet[Any]) -> Listing[Any]:
    """The first rows and the full count, in two queries: the count reads only the indexes it
    needs, and the rows stop at the limit when the order follows an index."""
    return Listing(queryset.count(), list(queryset[:LIST_LIMIT]))


@dataclass(frozen=True)
class CutYear:
    """The budget cuts from one budget year against the benefits they come from. ``realised``
    is the realised kroner of those benefits (each benefit once); ``at_risk`` the cuts made
    before their benefit is realised."""

    year: int
    count: int
    amount: Decimal
    realised: Decimal
    at_risk_count: int
    at_risk_amount: Decimal
    started: bool


@dataclass(frozen=True)
class CutAtRisk:
    """A budget cut whose budget year has started before its benefit is realised, with the
    realised kroner of that benefit."""

    cut: BudgetCut
    realised: Decimal

    @property
    def shortfall(self) -> Decimal:
        return self.cut.amount - self.realised


@dataclass(frozen=True)
class BenefitsSummary:
    """The benefits overview's figures for a set of filtered benefits (see benefits_summary)."""

    filters: BenefitFilters
    today: date
    hours_per_fte: Decimal
    totals: Figures
    by_status: list[Line]
    by_dimension: list[Line]
    by_category: list[Line]
    by_kind: list[Line]
    by_department: list[Line]
    by_year: list[Line]
    without_owner: Listing[Benefit]
    without_indicator: Listing[Benefit]
    overdue: Listing[Benefit]
    initiatives_without_plan: Listing[Initiative]
    cuts_by_year: list[CutYear]
    cuts_at_risk: Listing[CutAtRisk]

    @property
    def cuts_total(self) -> Decimal:
        return sum((year.amount for year in self.cuts_by_year), ZERO)

    @property
    def cuts_at_risk_amount(self) -> Decimal:
        return sum((year.at_risk_amount for year in self.cuts_by_year), ZERO)


def _choice_lines(
    rows: list[tuple[dict[str, Any], Figures]],
    field: str,
    choices: type[models.TextChoices],
    hours: Decimal,
) -> list[Line]:
    """Every choice of ``field`` in its own order, with zeros where no benefit has it."""
    found: dict[str, Figures] = {}
    for values, counted in rows:
        found[values[field]] = found.get(values[field], Figures(hours_per_fte=hours)) + counted
    return [
        Line(
            choice.value,
            str(choice.label),
            found.get(choice.value, Figures(hours_per_fte=hours)),
            field,
        )
        for choice in choices
    ]


class _Year(ExtractYear):
    """The year of a date. On SQLite it is read from the date's ISO text: Django's own version
    calls a Python function for every row."""

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        sql, params = compiler.compile(self.lhs)
        return f"CAST(substr({sql}, 1, 4) AS integer)", params


def _area_and_year_lines(
    base: QuerySet[Benefit], municipality: Municipality, hours: Decimal
) -> tuple[list[Line], list[Line]]:
    """By service area and by due year. Each benefit counts under the service area (the
    top-level unit) of its initiative's owning unit, and under the year of its due date (those
    without a date last). Summed per owning unit and year in one pass of the database (a few
    hundred rows at most), then rolled up the small organisation tree: two queries."""
    units = {unit.pk: unit for unit in OrgUnit.objects.for_municipality(municipality)}
    empty = Figures(hours_per_fte=hours)
    areas: dict[int, Figures] = {}
    years: dict[int | None, Figures] = {}
    rows = (
        base.annotate(due_year=_Year("due_date"))
        .values("initiative__owning_unit_id", "due_year", "kind")
        .annotate(**_figure_aggregates())
    )
    for row in rows:
        counted = _figures(row, hours)
        years[row["due_year"]] = years.get(row["due_year"], empty) + counted
        unit = units.get(row["initiative__owning_unit_id"])
        area = ancestor_of_kind(unit, UnitKind.SERVICE_AREA, units) if unit else None
        if area is not None:
            areas[area.pk] = areas.get(area.pk, empty) + counted
    by_area = sorted(
        (Line(str(pk), units[pk].name, counted, "unit") for pk, counted in areas.items()),
        key=lambda line: line.label.lower(),
    )
    by_year = [
        Line(str(year), str(year), years[year], "year")
        for year in sorted(year for year in years if year is not None)
    ]
    if None in years:
        by_year.append(Line("", str(_("Without a date")), years[None]))
    return by_area, by_year


def _budget_cuts(
    base: QuerySet[Benefit], municipality: Municipality, hours: Decimal, today: date
) -> tuple[list[CutYear], Listing[CutAtRisk]]:
    """Planned budget cuts by budget year against the realised kroner of their benefits, and
    the cuts at risk: the budget year has started while the benefit is not marked realised and
    has not realised the cut's amount in kroner. Freed time has no kroner value here, so a cut
    from an indirect benefit is covered only once the benefit is marked realised. Two queries."""
    realised_nok = Case(
        When(
            benefit__kind=BenefitKind.DIRECT,
            then=realised_value(hours, prefix="benefit__"),
        ),
        default=Value(ZERO),
        output_field=REALISED_FIELD,
    )
    at_risk = (
        Q(budget_year__lte=today.year)
        & ~Q(benefit__status=BenefitStatus.REALISED)
        & Q(benefit_realised__lt=F("amount"))
    )
    cuts = BudgetCut.objects.filter(
        municipality=municipality, benefit_id__in=base.values("pk")
    ).annotate(benefit_realised=realised_nok)
    # A benefit with several cuts in one year counts its realised value once: on its first cut.
    earlier_same_year = BudgetCut.objects.filter(
        benefit_id=OuterRef("benefit_id"),
        budget_year=OuterRef("budget_year"),
        pk__lt=OuterRef("pk"),
    )
    years = (
        cuts.values("budget_year")
        .annotate(
            n=Count("pk"),
            amount_sum=Sum("amount"),
            realised_sum=Sum(
                Case(
                    When(~Exists(earlier_same_year), then=F("benefit_realised")),
                    default=Value(ZERO),
                    output_field=REALISED_FIELD,
                )
            ),
            risk_n=Count("pk", filter=at_risk),
            risk_sum=Sum("amount", filter=at_risk),
        )
        .order_by("budget_year")
    )
    by_year = [
        CutYear(
            year=row["budget_year"],
            count=row["n"],
            amount=row["amount_sum"] or ZERO,
            realised=row["realised_sum"] or ZERO,
            at_risk_count=row["risk_n"],
            at_risk_amount=row["risk_sum"] or ZERO,
            started=row["budget_year"] <= today.year,
        )
        for row in years
    ]
    risky = (
        cuts.filter(at_risk)
        .select_related("benefit__initiative", "unit")
        .only(
            "amount",
            "budget_year",
            "unit__name",
            *(f"benefit__{name}" for name in LISTED_BENEFIT_FIELDS),
        )
        .order_by("budget_year", "benefit__initiative__name", "benefit__title", "pk")
    )
    # The count of cuts at risk is already summed by year above.
    return by_year, Listing(
        sum(year.at_risk_count for year in by_year),
        [CutAtRisk(cut, cut.benefit_realised) for cut in risky[:LIST_LIMIT]],
    )


def benefits_summary(
    municipality: Municipality, filters: BenefitFilters, *, today: date
) -> BenefitsSummary:
    """The benefits overview for the filtered benefits, computed by the database in a fixed
    number of queries whatever the number of benefits, indicators and measurements: count and
    planned/realised value (``realised_value``) in total and by status, dimension, category,
    kind, service area and due year; freed hours also as full-time equivalents; the benefits
    still followed up (planned or being realised) that have no benefits owner, no indicator
    (so no baseline), or an overdue measurement (first LIST_LIMIT and the count); the active
    initiatives without any benefit (narrowed only by the initiative and unit filters: the other
    filters describe benefits they do not have); and budget cuts against realisation."""
    hours = hours_per_fte(municipality)
    condition = _filtered(municipality, filters, today)
    base = with_realised(Benefit.objects.filter(condition).order_by(), hours)

    grouped = [
        (row, _figures(row, hours))
        for row in base.values("dimension", "category", "kind", "status").annotate(
            **_figure_aggregates()
        )
    ]
    totals = sum((counted for _row, counted in grouped), Figures(hours_per_fte=hours))

    # The lists load only what they show, most urgent (soonest due) first: that order follows
    # the (municipality, due date) index, so the database stops after the first rows.
    listed = (
        Benefit.objects.filter(condition)
        .select_related("initiative", "responsible")
        .only(*LISTED_BENEFIT_FIELDS)
    )
    followed = listed.filter(status__in=figures.FOLLOWED_STATUSES)
    order = (F("due_date").asc(nulls_last=True), "pk")
    without_owner = followed.exclude(
        Exists(Benefit.owners.through.objects.filter(benefit_id=OuterRef("pk")))
    ).order_by(*order)
    without_indicator = followed.exclude(
        Exists(Indicator.objects.filter(benefit_id=OuterRef("pk")))
    ).order_by(*order)
    overdue = (
        listed.filter(_has_overdue_measurement(today))
        .prefetch_related(
            Prefetch("owners", queryset=User.objects.order_by("first_name", "last_name"))
        )
        .order_by(*order)
    )

    initiatives = (
        Initiative.objects.for_municipality(municipality)
        .active()
        .exclude(Exists(Benefit.objects.filter(initiative_id=OuterRef("pk"))))
        .select_related("owning_unit")
        .only("name", "owning_unit__name")
        .order_by("name", "pk")
    )
    if filters.initiative is not None:
        initiatives = initiatives.filter(pk=filters.initiative)
    if filters.unit is not None:
        unit = OrgUnit(pk=filters.unit, municipality_id=municipality.pk)
        initiatives = initiatives.filter(owning_unit_id__in=unit_and_descendants(unit))

    by_area, by_year = _area_and_year_lines(base, municipality, hours)
    cuts_by_year, cuts_at_risk = _budget_cuts(base, municipality, hours, today)
    return BenefitsSummary(
        filters=filters,
        today=today,
        hours_per_fte=hours,
        totals=totals,
        by_status=_choice_lines(grouped, "status", BenefitStatus, hours),
        by_dimension=_choice_lines(grouped, "dimension", Dimension, hours),
        by_category=_choice_lines(grouped, "category", Category, hours),
        by_kind=_choice_lines(grouped, "kind", BenefitKind, hours),
        by_department=by_area,
        by_year=by_year,
        without_owner=_first_rows(without_owner),
        without_indicator=_first_rows(without_indicator),
        overdue=_first_rows(overdue),
        initiatives_without_plan=_first_rows(initiatives),
        cuts_by_year=cuts_by_year,
        cuts_at_risk=cuts_at_risk,
    )


def _amount(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _figures_json(counted: Figures) -> dict[str, Any]:
    return {
        "count": counted.count,
        "planned_nok": _amount(counted.planned_nok),
        "realised_nok": _amount(counted.realised_nok),
        "planned_hours": _amount(counted.planned_hours),
        "realised_hours": _amount(counted.realised_hours),
        "planned_fte": str(counted.planned_fte.quantize(Decimal("0.0001"))),
        "realised_fte": str(counted.realised_fte.quantize(Decimal("0.0001"))),
    }


def _lines_json(lines: list[Line]) -> list[dict[str, Any]]:
    return [{"key": line.key, "label": line.label, **_figures_json(line.figures)} for line in lines]


def _benefit_json(benefit: Benefit) -> dict[str, Any]:
    return {
        "id": benefit.pk,
        "title": benefit.title,
        "initiative": {"id": benefit.initiative_id, "name": benefit.initiative.name},
        "status": benefit.status,
        "kind": benefit.kind,
        "due_date": benefit.due_date.isoformat() if benefit.due_date else None,
    }


def _benefits_json(listing: Listing[Benefit]) -> dict[str, Any]:
    return {"total": listing.total, "benefits": [_benefit_json(row) for row in listing.rows]}


def summary_as_json(summary: BenefitsSummary) -> dict[str, Any]:
    """The summary as JSON-able data: amounts as strings with two decimals (full-time
    equivalents with four), dates ISO, each list with its full count and first rows."""
    return {
        "hours_per_fte": str(summary.hours_per_fte),
        "totals": _figures_json(summary.totals),
        "by_status": _lines_json(summary.by_status),
        "by_dimension": _lines_json(summary.by_dimension),
        "by_category": _lines_json(summary.by_category),
        "by_kind": _lines_json(summary.by_kind),
        "by_service_area": _lines_json(summary.by_department),
        "by_year": _lines_json(summary.by_year),
        "without_owner": _benefits_json(summary.without_owner),
        "without_indicator": _benefits_json(summary.without_indicator),
        "overdue": _benefits_json(summary.overdue),
        "initiatives_without_plan": {
            "total": summary.initiatives_without_plan.total,
            "initiatives": [
                {"id": row.pk, "name": row.name, "owning_unit": row.owning_unit.name}
                for row in summary.initiatives_without_plan.rows
            ],
        },
        "budget_cuts": {
            "by_year": [
                {
                    "budget_year": year.year,
                    "count": year.count,
                    "amount": _amount(year.amount),
                    "realised_nok": _amount(year.realised),
                    "at_risk_count": year.at_risk_count,
                    "at_risk_amount": _amount(year.at_risk_amount),
                    "started": year.started,
                }
                for year in summary.cuts_by_year
            ],
            "at_risk": {
                "total": summary.cuts_at_risk.total,
                "cuts": [
                    {
                        "id": row.cut.pk,
                        "benefit": _benefit_json(row.cut.benefit),
                        "unit": {"id": row.cut.unit_id, "name": row.cut.unit.name},
                        "amount": _amount(row.cut.amount),
                        "budget_year": row.cut.budget_year,
                        "benefit_realised_nok": _amount(row.realised),
                    }
                    for row in summary.cuts_at_risk.rows
                ],
            },
        },
    }
