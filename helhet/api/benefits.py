"""Benefits realisation in the JSON API: the municipality's benefits, filtered like the benefits
overview and paginated, each with its indicators, their latest measurement and achievement.
The overview's figures are in ``benefits_summary``, an initiative's plan and recording a
measurement in ``benefit_plans``. Amounts and measured values are decimal strings, dates ISO."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.db.models.enums import TextChoices
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from helhet.accounts.roles import Capability
from helhet.api.errors import ERRORS, InvalidRequest, invalid
from helhet.api.members import request_membership, require
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import ID_MAX, Id, PersonRef, four_places, money
from helhet.benefits import figures
from helhet.benefits.forms.overview import FIRST_YEAR, LAST_YEAR, YEAR_ERROR
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    Category,
    Dimension,
    Measurement,
)
from helhet.benefits.selectors.filters import BenefitFilters, benefits_filtered
from helhet.benefits.selectors.follow_up import IndicatorFigures, indicator_figures
from helhet.benefits.selectors.plan import with_measurements

router = Router(tags=["benefits"])


class InitiativeRef(Schema):
    id: int
    name: str


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    measured_on: date
    value: str = Field(description="In the indicator's unit, as a decimal string")
    achievement: str | None = Field(
        description="(value - baseline) / (target - baseline) as a decimal string with four "
        "decimals (1 = the target reached); null when the target equals the baseline"
    )
    comment: str
    recorded_by: PersonRef | None
    by_project_leader: bool = Field(
        description="Recorded by the project's own leader: counts as realised once confirmed"
    )
    awaits_confirmation: bool = Field(
        description="Recorded by the project's leader and not yet confirmed by the benefit's "
        "owner, responsible line manager or the portfolio office: not counted"
    )
    confirmed_by: PersonRef | None
    evidence_name: str = Field(description="The evidence file's name; empty when none")
    created_at: datetime

    @staticmethod
    def resolve_value(measurement: Measurement) -> str:
        return four_places(measurement.value)

    @staticmethod
    def resolve_achievement(measurement: Measurement) -> str | None:
        indicator = measurement.indicator
        reached = figures.achievement(
            indicator.baseline_value, indicator.target_value, measurement.value
        )
        return None if reached is None else four_places(reached)


class IndicatorOut(Schema):
    # Read from the indicator's figures (IndicatorFigures) on the day of the request.

    id: int = Field(alias="indicator.id")
    name: str = Field(alias="indicator.name")
    unit: str = Field(
        alias="indicator.unit", description="nok, hours, fte, count, percent or custom"
    )
    unit_label: str = Field(
        alias="indicator.unit_label", description="The unit's name, for a custom unit"
    )
    unit_display: str = Field(alias="indicator.unit_display")
    baseline_value: str = Field(description="Decimal string")
    baseline_date: date = Field(alias="indicator.baseline_date")
    target_value: str = Field(description="Decimal string")
    target_date: date = Field(alias="indicator.target_date")
    frequency: str = Field(
        alias="indicator.frequency", description="monthly, quarterly, half_yearly or yearly"
    )
    measures_amount: bool = Field(
        alias="indicator.measures_amount",
        description="Its progress is the benefit's realised amount",
    )
    measurement_count: int
    latest_measurement: MeasurementOut | None = Field(alias="latest")
    achievement: str | None = Field(
        description="Of the latest measurement, as a decimal string with four decimals (1 = the "
        "target reached); null when nothing is measured yet or the target equals the baseline"
    )
    achievement_computable: bool = Field(
        description="False when the target equals the baseline: achievement is undefined"
    )
    trend: str | None = Field(
        description="improving, worsening or unchanged against the measurement before (the "
        "baseline for the first); null before the first measurement"
    )
    measurement_state: str = Field(description="overdue, due, not_due or ended")
    next_due: date | None = Field(description="Null once the benefit is no longer followed up")

    @staticmethod
    def resolve_baseline_value(found: IndicatorFigures) -> str:
        return four_places(found.indicator.baseline_value)

    @staticmethod
    def resolve_target_value(found: IndicatorFigures) -> str:
        return four_places(found.indicator.target_value)

    @staticmethod
    def resolve_measurement_count(found: IndicatorFigures) -> int:
        return len(found.measurements)

    @staticmethod
    def resolve_achievement(found: IndicatorFigures) -> str | None:
        return None if found.achievement is None else four_places(found.achievement)

    @staticmethod
    def resolve_achievement_computable(found: IndicatorFigures) -> bool:
        return not found.indicator.target_equals_baseline

    @staticmethod
    def resolve_trend(found: IndicatorFigures) -> str | None:
        return None if found.trend is None else found.trend.value

    @staticmethod
    def resolve_measurement_state(found: IndicatorFigures) -> str:
        return found.state.value


class BenefitOut(Schema):
    id: int
    initiative: InitiativeRef
    title: str
    description: str
    dimension: str = Field(
        description="economy, quality, information_security or climate_environment"
    )
    dimension_label: str
    category: str = Field(description="efficiency, quality or other_actors")
    category_label: str
    kind: str = Field(description="direct (kroner), indirect (freed hours) or qualitative")
    kind_label: str
    status: str = Field(description="planned, being_realised, realised or abandoned")
    status_label: str
    abandon_reason: str
    planned_amount: str | None = Field(
        description="A year, as a decimal string: NOK for a direct benefit, hours for an "
        "indirect one; null for a qualitative one"
    )
    amount_unit: str
    preconditions: str
    realisation_method: str = Field(description="How the benefit is taken out")
    responsible: PersonRef | None = Field(description="The responsible line manager")
    owners: list[PersonRef] = Field(description="The benefits owners in the line")
    due_date: date | None = Field(description="To be realised by")
    indicators: list[IndicatorOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_dimension_label(benefit: Benefit) -> str:
        return benefit.get_dimension_display()

    @staticmethod
    def resolve_category_label(benefit: Benefit) -> str:
        return benefit.get_category_display()

    @staticmethod
    def resolve_kind_label(benefit: Benefit) -> str:
        return benefit.get_kind_display()

    @staticmethod
    def resolve_status_label(benefit: Benefit) -> str:
        return benefit.get_status_display()

    @staticmethod
    def resolve_planned_amount(benefit: Benefit) -> str | None:
        return money(benefit.planned_amount)

    @staticmethod
    def resolve_indicators(benefit: Benefit) -> list[IndicatorFigures]:
        today = timezone.localdate()
        return [indicator_figures(found, today=today) for found in benefit.indicators.all()]


class BenefitPage(Page):
    results: list[BenefitOut]


class BenefitFilterParams(Schema):
    """The benefits overview's filters; every one optional, and they combine."""

    initiative: Id | None = Field(None, description="Initiative id")
    owner: Id | None = Field(None, description="User id: the benefits this person owns")
    dimension: str = Field(
        "", description="economy, quality, information_security or climate_environment"
    )
    category: str = Field("", description="efficiency, quality or other_actors")
    kind: str = Field("", description="direct, indirect or qualitative")
    status: str = Field("", description="planned, being_realised, realised or abandoned")
    unit: Id | None = Field(None, description="Unit id: initiatives owned by it or a unit below it")
    # Bounded only to what a database integer holds: a year outside 2000-2100 gets the
    # overview's own message (chosen_filters), not the schema's.
    year: int | None = Field(
        None, ge=-ID_MAX, le=ID_MAX, description="The year the benefit is to be realised by"
    )
    overdue: bool = Field(
        False, description="Only benefits still followed up with an overdue measurement"
    )


CHOICES: dict[str, type[TextChoices]] = {
    "dimension": Dimension,
    "category": Category,
    "kind": BenefitKind,
    "status": BenefitStatus,
}


def chosen_filters(params: BenefitFilterParams) -> BenefitFilters:
    """The query's filters, each choice checked against its list; every wrong one reported."""
    errors: dict[str, list[str]] = {}
    for name, choices in CHOICES.items():
        value = getattr(params, name)
        if value and value not in choices.values:
            errors[name] = [
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices.values)}
            ]
    if params.year is not None and not FIRST_YEAR <= params.year <= LAST_YEAR:
        # Refused here rather than left to the database: year 0 is out of a date's range.
        errors["year"] = [str(YEAR_ERROR)]
    if errors:
        raise InvalidRequest(errors)
    return BenefitFilters(**params.model_dump())


def with_details(benefits: QuerySet[Benefit]) -> QuerySet[Benefit]:
    """Everything BenefitOut shows, in a fixed number of queries for any number of benefits."""
    return with_measurements(benefits).select_related("initiative")


@router.get(
    "/benefits",
    response={200: BenefitPage, **ERRORS},
    summary="The benefits, filtered like the benefits overview",
    operation_id="helhet_api_benefits_benefit_list",
)
def benefit_list(
    request: HttpRequest, filters: Query[BenefitFilterParams], paging: Query[PageParams]
) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    try:
        chosen = chosen_filters(filters)
    except InvalidRequest as error:
        return invalid(error.errors)
    benefits = benefits_filtered(membership.municipality, chosen, today=timezone.localdate())
    return paginate(request, benefits, paging, details=with_details)
