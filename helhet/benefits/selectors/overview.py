"""The benefits overview (gevinstoversikt): figures and lists computed by the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits import figures
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    Category,
    Dimension,
    Indicator,
)
from helhet.benefits.selectors.budget_cuts import CutAtRisk, CutYear, budget_cuts_by_year
from helhet.benefits.selectors.filters import (
    BenefitFilters,
    benefit_condition,
    has_overdue_measurement,
)
from helhet.benefits.selectors.listings import LISTED_BENEFIT_FIELDS, Listing, first_rows
from helhet.benefits.selectors.realised import ZERO, benefits_with_realised
from helhet.benefits.selectors.totals import (
    Figures,
    Line,
    Tally,
    choice_lines,
    figure_aggregates,
    hours_per_fte,
)
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.filters import unit_and_descendants
from helhet.portfolio.models import Initiative
from helhet.portfolio.selectors import ancestor_of_kind


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
    by_service_area: list[Line]
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
    areas: dict[int, Tally] = {}
    years: dict[int | None, Tally] = {}
    rows = (
        # The initiatives narrowed to the municipality too: its own are read, not every one.
        base.filter(initiative__municipality=municipality)
        .annotate(due_year=_Year("due_date"))
        .values("initiative__owning_unit_id", "due_year", "kind")
        .annotate(**figure_aggregates())
    )
    area_of: dict[int, OrgUnit | None] = {}
    for row in rows:
        years.setdefault(row["due_year"], Tally()).add(row)
        unit_pk = row["initiative__owning_unit_id"]
        if unit_pk not in area_of:
            unit = units.get(unit_pk)
            area_of[unit_pk] = (
                ancestor_of_kind(unit, UnitKind.SERVICE_AREA, units) if unit else None
            )
        area = area_of[unit_pk]
        if area is not None:
            areas.setdefault(area.pk, Tally()).add(row)
    by_area = sorted(
        (
            Line(str(pk), units[pk].name, tally.figures(hours), "unit")
            for pk, tally in areas.items()
        ),
        key=lambda line: line.label.lower(),
    )
    by_year = [
        Line(str(year), str(year), years[year].figures(hours), "year")
        for year in sorted(year for year in years if year is not None)
    ]
    if None in years:
        by_year.append(Line("", str(_("Without a date")), years[None].figures(hours)))
    return by_area, by_year


def _followed_lists(
    condition: Q, municipality: Municipality, today: date
) -> tuple[QuerySet[Benefit], QuerySet[Benefit], QuerySet[Benefit]]:
    """The benefits still followed up that have no benefits owner, no indicator, or an overdue
    measurement (the last with their owners). They load only what they show, most urgent
    (soonest due) first: that order follows the (municipality, due date) index, so the database
    stops after the first rows. Nothing is loaded here."""
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
        Exists(Indicator.objects.filter(municipality=municipality, benefit_id=OuterRef("pk")))
    ).order_by(*order)
    overdue = (
        listed.filter(has_overdue_measurement(today, municipality))
        .prefetch_related(
            Prefetch("owners", queryset=User.objects.order_by("first_name", "last_name"))
        )
        .order_by(*order)
    )
    return without_owner, without_indicator, overdue


def _initiatives_without_plan(
    municipality: Municipality, filters: BenefitFilters
) -> QuerySet[Initiative]:
    """The active initiatives without any benefit, narrowed only by the initiative and unit
    filters (the other filters describe benefits they do not have). Nothing is loaded here."""
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
    return initiatives


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
    condition = benefit_condition(municipality, filters, today)
    base = benefits_with_realised(Benefit.objects.filter(condition).order_by(), hours)

    grouped = list(
        base.values("dimension", "category", "kind", "status").annotate(**figure_aggregates())
    )
    total = Tally()
    for row in grouped:
        total.add(row)

    without_owner, without_indicator, overdue = _followed_lists(condition, municipality, today)
    initiatives = _initiatives_without_plan(municipality, filters)
    by_area, by_year = _area_and_year_lines(base, municipality, hours)
    cuts_by_year, cuts_at_risk = budget_cuts_by_year(
        Benefit.objects.filter(condition), municipality, hours, today, narrowed=filters.active
    )
    return BenefitsSummary(
        filters=filters,
        today=today,
        hours_per_fte=hours,
        totals=total.figures(hours),
        by_status=choice_lines(grouped, "status", BenefitStatus, hours),
        by_dimension=choice_lines(grouped, "dimension", Dimension, hours),
        by_category=choice_lines(grouped, "category", Category, hours),
        by_kind=choice_lines(grouped, "kind", BenefitKind, hours),
        by_service_area=by_area,
        by_year=by_year,
        without_owner=first_rows(without_owner),
        without_indicator=first_rows(without_indicator),
        overdue=first_rows(overdue),
        initiatives_without_plan=first_rows(initiatives),
        cuts_by_year=cuts_by_year,
        cuts_at_risk=cuts_at_risk,
    )
