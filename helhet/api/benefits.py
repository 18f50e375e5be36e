"""Benefits realisation in the JSON API: the municipality's benefits (filtered like the benefits
overview, paginated, each with its indicators, their latest measurement and achievement), the
overview's figures for the same filters, an initiative's benefits realisation plan (reading it
and adding a benefit) and recording a measurement.

Writes go through the benefits services; tenancy and roles as in the HTML views: another
municipality's initiative or indicator is 404; only those who may change the initiative add a
benefit; only the benefit's owners and its responsible line manager record a measurement (403
with the service's own words for anyone else). Amounts and measured values are decimal strings,
dates ISO."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.db.models.enums import TextChoices
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.api.portfolio import (
    ERRORS,
    InvalidOut,
    PageParams,
    PersonRef,
    _Invalid,
    _invalid,
    _membership,
    _money,
    _page_url,
    _person,
    _require,
    _service_errors,
)
from helhet.benefits import figures, services
from helhet.benefits.access import get_indicator_for_user
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    Category,
    Dimension,
    Indicator,
    Measurement,
)
from helhet.benefits.selectors.filters import BenefitFilters, benefits_filtered
from helhet.benefits.selectors.follow_up import IndicatorFigures, indicator_figures
from helhet.benefits.selectors.overview import benefits_summary
from helhet.benefits.selectors.plan import benefits_plan, with_measurements
from helhet.benefits.selectors.summary_json import summary_as_json
from helhet.organization.models import Municipality
from helhet.portfolio.access import get_initiative_for_user, get_rw_initiative_for_user
from helhet.portfolio.models import Initiative

router = Router(tags=["benefits"])

VALUE_PLACES = Decimal("0.0001")


# --- Schemas -------------------------------------------------------------------------------------


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
    evidence_name: str = Field(description="The evidence file's name; empty when none")
    created_at: datetime


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str = Field(description="nok, hours, fte, count, percent or custom")
    unit_label: str = Field(description="The unit's name, for a custom unit")
    unit_display: str
    baseline_value: str = Field(description="Decimal string")
    baseline_date: date
    target_value: str = Field(description="Decimal string")
    target_date: date
    frequency: str = Field(description="monthly, quarterly, half_yearly or yearly")
    measures_amount: bool = Field(description="Its progress is the benefit's realised amount")
    measurement_count: int
    latest_measurement: MeasurementOut | None
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


class BenefitPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[BenefitOut]


class BenefitFilterParams(Schema):
    """The benefits overview's filters; every one optional, and they combine."""

    initiative: int | None = Field(None, description="Initiative id")
    owner: int | None = Field(None, description="User id: the benefits this person owns")
    dimension: str = Field(
        "", description="economy, quality, information_security or climate_environment"
    )
    category: str = Field("", description="efficiency, quality or other_actors")
    kind: str = Field("", description="direct, indirect or qualitative")
    status: str = Field("", description="planned, being_realised, realised or abandoned")
    unit: int | None = Field(
        None, description="Unit id: initiatives owned by it or a unit below it"
    )
    year: int | None = Field(None, description="The year the benefit is to be realised by")
    overdue: bool = Field(
        False, description="Only benefits still followed up with an overdue measurement"
    )


class BenefitIn(Schema):
    """A new benefit in the initiative's plan. People are given by user id and must work in the
    municipality."""

    title: str
    dimension: str = Field(
        description="economy, quality, information_security or climate_environment"
    )
    category: str = Field(description="efficiency, quality or other_actors")
    kind: str = Field(description="direct, indirect or qualitative")
    description: str = ""
    planned_amount: Decimal | None = Field(
        None,
        description="A year: NOK for a direct benefit, hours for an indirect one; none for a "
        "qualitative one",
    )
    preconditions: str = ""
    realisation_method: str = Field("", description="How the benefit is taken out")
    responsible: int | None = Field(None, description="User id of the responsible line manager")
    owners: list[int] = Field(default_factory=list, description="User ids of the benefits owners")
    due_date: date | None = Field(None, description="To be realised by")
    status: str = Field("planned", description="planned, being_realised, realised or abandoned")
    abandon_reason: str = Field("", description="Required when the status is abandoned")


class MeasurementIn(Schema):
    """A measurement of the indicator, by one of its benefit's owners or its responsible line
    manager."""

    measured_on: date = Field(description="Not in the future, not before the baseline")
    value: Decimal = Field(description="In the indicator's unit; a number or a decimal string")
    comment: str = ""


class FiguresOut(Schema):
    count: int
    planned_nok: str
    realised_nok: str
    planned_hours: str
    realised_hours: str
    planned_fte: str
    realised_fte: str


class LineOut(FiguresOut):
    key: str = Field(description="The filter value that shows just these benefits")
    label: str


class BenefitRefOut(Schema):
    id: int
    title: str
    initiative: InitiativeRef
    status: str
    kind: str
    due_date: date | None


class BenefitListing(Schema):
    total: int = Field(description="How many there are in all")
    benefits: list[BenefitRefOut] = Field(description="The first of them")


class InitiativeWithoutPlan(Schema):
    id: int
    name: str
    owning_unit: str


class InitiativesWithoutPlan(Schema):
    total: int
    initiatives: list[InitiativeWithoutPlan]


class CutYearOut(Schema):
    budget_year: int
    count: int
    amount: str
    realised_nok: str
    at_risk_count: int
    at_risk_amount: str
    started: bool


class UnitRefOut(Schema):
    id: int
    name: str


class CutAtRiskOut(Schema):
    id: int
    benefit: BenefitRefOut
    unit: UnitRefOut
    amount: str
    budget_year: int
    benefit_realised_nok: str


class CutsAtRisk(Schema):
    total: int
    cuts: list[CutAtRiskOut]


class BudgetCutsOut(Schema):
    by_year: list[CutYearOut]
    at_risk: CutsAtRisk = Field(description="Cuts made before their benefit is realised")


class BenefitsSummaryOut(Schema):
    hours_per_fte: str
    totals: FiguresOut
    by_status: list[LineOut]
    by_dimension: list[LineOut]
    by_category: list[LineOut]
    by_kind: list[LineOut]
    by_service_area: list[LineOut]
    by_year: list[LineOut]
    without_owner: BenefitListing
    without_indicator: BenefitListing
    overdue: BenefitListing
    initiatives_without_plan: InitiativesWithoutPlan
    budget_cuts: BudgetCutsOut


# --- Helpers -------------------------------------------------------------------------------------


def _value(value: Decimal) -> str:
    """A measured or target value as a decimal string with the four decimals it is kept with."""
    return str(Decimal(value).quantize(VALUE_PLACES))


def _fraction(value: Decimal | None) -> str | None:
    return None if value is None else _value(value)


def _measurement(measurement: Measurement, indicator: Indicator) -> dict[str, Any]:
    reached = figures.achievement(
        indicator.baseline_value, indicator.target_value, measurement.value
    )
    return {
        "id": measurement.pk,
        "indicator_id": indicator.pk,
        "measured_on": measurement.measured_on,
        "value": _value(measurement.value),
        "achievement": _fraction(reached),
        "comment": measurement.comment,
        "recorded_by": _person(measurement.recorded_by),
        "evidence_name": measurement.evidence_name,
        "created_at": measurement.created_at,
    }


def _indicator(found: IndicatorFigures) -> dict[str, Any]:
    indicator, latest = found.indicator, found.latest
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "unit_label": indicator.unit_label,
        "unit_display": indicator.unit_display,
        "baseline_value": _value(indicator.baseline_value),
        "baseline_date": indicator.baseline_date,
        "target_value": _value(indicator.target_value),
        "target_date": indicator.target_date,
        "frequency": indicator.frequency,
        "measures_amount": indicator.measures_amount,
        "measurement_count": len(found.measurements),
        "latest_measurement": None if latest is None else _measurement(latest, indicator),
        "achievement": _fraction(found.achievement),
        "achievement_computable": not indicator.target_equals_baseline,
        "trend": None if found.trend is None else found.trend.value,
        "measurement_state": found.state.value,
        "next_due": found.next_due,
    }


def _benefit(benefit: Benefit, initiative: Initiative, today: date) -> dict[str, Any]:
    return {
        "id": benefit.pk,
        "initiative": {"id": initiative.pk, "name": initiative.name},
        "title": benefit.title,
        "description": benefit.description,
        "dimension": benefit.dimension,
        "dimension_label": benefit.get_dimension_display(),
        "category": benefit.category,
        "category_label": benefit.get_category_display(),
        "kind": benefit.kind,
        "kind_label": benefit.get_kind_display(),
        "status": benefit.status,
        "status_label": benefit.get_status_display(),
        "abandon_reason": benefit.abandon_reason,
        "planned_amount": _money(benefit.planned_amount),
        "amount_unit": benefit.amount_unit,
        "preconditions": benefit.preconditions,
        "realisation_method": benefit.realisation_method,
        "responsible": _person(benefit.responsible),
        "owners": [_person(owner) for owner in benefit.owners.all()],
        "due_date": benefit.due_date,
        "indicators": [
            _indicator(indicator_figures(indicator, today=today))
            for indicator in benefit.indicators.all()
        ],
        "created_at": benefit.created_at,
        "updated_at": benefit.updated_at,
    }


def _with_details(benefits: QuerySet[Benefit]) -> QuerySet[Benefit]:
    """Everything BenefitOut shows, in a fixed number of queries for any number of benefits."""
    return with_measurements(benefits).select_related("initiative")


CHOICES: dict[str, type[TextChoices]] = {
    "dimension": Dimension,
    "category": Category,
    "kind": BenefitKind,
    "status": BenefitStatus,
}


def _filters(params: BenefitFilterParams) -> BenefitFilters:
    """The query's filters, each choice checked against its list; every wrong one reported."""
    errors: dict[str, list[str]] = {}
    for name, choices in CHOICES.items():
        value = getattr(params, name)
        if value and value not in choices.values:
            errors[name] = [
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices.values)}
            ]
    if errors:
        raise _Invalid(errors)
    return BenefitFilters(**params.model_dump())


def _members(municipality: Municipality, ids: Iterable[int]) -> dict[int, User]:
    return {
        user.pk: user
        for user in User.objects.filter(
            pk__in=set(ids), memberships__municipality=municipality
        ).distinct()
    }


def _people(municipality: Municipality, payload: BenefitIn) -> tuple[User | None, list[User]]:
    """The responsible line manager and the owners by id, each a member of the municipality;
    an unknown id is reported as the service reports a person from elsewhere."""
    wanted = list(dict.fromkeys(payload.owners))
    ids = [*wanted, *([payload.responsible] if payload.responsible is not None else [])]
    found = _members(municipality, ids)
    errors: dict[str, list[str]] = {}
    if payload.responsible is not None and payload.responsible not in found:
        errors["responsible"] = [_("The responsible line manager must work in the municipality.")]
    if any(pk not in found for pk in wanted):
        errors["owners"] = [_("Every benefits owner must work in the municipality.")]
    if errors:
        raise _Invalid(errors)
    responsible = None if payload.responsible is None else found[payload.responsible]
    return responsible, [found[pk] for pk in wanted]


# --- Endpoints -----------------------------------------------------------------------------------


@router.get(
    "/benefits",
    response={200: BenefitPage, 422: InvalidOut, **ERRORS},
    summary="The benefits, filtered like the benefits overview",
)
def benefit_list(
    request: HttpRequest, filters: Query[BenefitFilterParams], paging: Query[PageParams]
) -> Any:
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    today = timezone.localdate()
    try:
        chosen = _filters(filters)
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    benefits = benefits_filtered(membership.municipality, chosen, today=today)
    count = benefits.count()
    start = (paging.page - 1) * paging.page_size
    rows = _with_details(benefits)[start : start + paging.page_size] if start < count else []
    return {
        "count": count,
        "next": _page_url(request, paging.page + 1) if start + paging.page_size < count else None,
        "previous": _page_url(request, paging.page - 1) if paging.page > 1 else None,
        "results": [_benefit(benefit, benefit.initiative, today) for benefit in rows],
    }


@router.get(
    "/benefits/summary",
    response={200: BenefitsSummaryOut, 422: InvalidOut, **ERRORS},
    summary="The benefits overview's figures, for the same filters as the list",
)
def benefits_summary_api(request: HttpRequest, filters: Query[BenefitFilterParams]) -> Any:
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    try:
        chosen = _filters(filters)
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    summary = benefits_summary(membership.municipality, chosen, today=timezone.localdate())
    return summary_as_json(summary)


@router.get(
    "/initiatives/{initiative_id}/benefits",
    response={200: list[BenefitOut], **ERRORS},
    summary="An initiative's benefits realisation plan",
)
def initiative_benefit_list(request: HttpRequest, initiative_id: int) -> Any:
    initiative = get_initiative_for_user(_membership(request), initiative_id)
    today = timezone.localdate()
    return [_benefit(benefit, initiative, today) for benefit in benefits_plan(initiative)]


@router.post(
    "/initiatives/{initiative_id}/benefits",
    response={201: BenefitOut, 422: InvalidOut, **ERRORS},
    summary="Add a benefit to an initiative's benefits realisation plan",
)
def initiative_benefit_create(request: HttpRequest, initiative_id: int, payload: BenefitIn) -> Any:
    membership = _membership(request)
    initiative = get_rw_initiative_for_user(membership, initiative_id)
    try:
        responsible, owners = _people(membership.municipality, payload)
        fields = payload.model_dump(exclude={"responsible", "owners"})
        benefit = services.benefit_create(
            actor=membership.user,
            initiative=initiative,
            responsible=responsible,
            owners=owners,
            **fields,
        )
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    except ValidationError as error:
        return _invalid(_service_errors(error))
    created = _with_details(Benefit.objects.filter(pk=benefit.pk)).get()
    return Status(201, _benefit(created, initiative, timezone.localdate()))


@router.post(
    "/indicators/{indicator_id}/measurements",
    response={201: MeasurementOut, 422: InvalidOut, **ERRORS},
    summary="Record a measurement of an indicator (its benefit's owners and responsible only)",
)
def measurement_create(request: HttpRequest, indicator_id: int, payload: MeasurementIn) -> Any:
    membership = _membership(request)
    indicator = get_indicator_for_user(membership, indicator_id)
    try:
        measurement = services.measurement_record(
            actor=membership.user,
            indicator=indicator,
            measured_on=payload.measured_on,
            value=payload.value,
            comment=payload.comment,
        )
    except PermissionDenied as refused:
        return Status(403, {"detail": str(refused) or _("Your role does not allow this.")})
    except ValidationError as error:
        return _invalid(_service_errors(error))
    saved = Measurement.objects.select_related("recorded_by").get(pk=measurement.pk)
    return Status(201, _measurement(saved, indicator))
