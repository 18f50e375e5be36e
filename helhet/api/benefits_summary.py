"""The benefits overview's figures in the JSON API, for the same filters as the list of
benefits: totals and breakdowns, the lists that need attention, and the budget cuts."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from helhet.accounts.roles import Capability
from helhet.api.benefits import BenefitFilterParams, InitiativeRef, chosen_filters
from helhet.api.errors import ERRORS, InvalidRequest, invalid
from helhet.api.members import request_membership, require
from helhet.api.schemas import four_places, sum_of_money
from helhet.benefits.selectors.budget_cuts import CutAtRisk, CutYear
from helhet.benefits.selectors.overview import BenefitsSummary, benefits_summary
from helhet.benefits.selectors.totals import Figures, Line
from helhet.portfolio.models import Initiative

router = Router(tags=["benefits"])


def _figures(row: Figures | Line) -> Figures:
    return row.figures if isinstance(row, Line) else row


class FiguresOut(Schema):
    # Read from a Figures, or from a breakdown's Line (its figures).

    count: int
    planned_nok: str
    realised_nok: str
    planned_hours: str
    realised_hours: str
    planned_fte: str
    realised_fte: str

    @staticmethod
    def resolve_count(row: Figures | Line) -> int:
        return _figures(row).count

    @staticmethod
    def resolve_planned_nok(row: Figures | Line) -> str:
        return sum_of_money(_figures(row).planned_nok)

    @staticmethod
    def resolve_realised_nok(row: Figures | Line) -> str:
        return sum_of_money(_figures(row).realised_nok)

    @staticmethod
    def resolve_planned_hours(row: Figures | Line) -> str:
        return sum_of_money(_figures(row).planned_hours)

    @staticmethod
    def resolve_realised_hours(row: Figures | Line) -> str:
        return sum_of_money(_figures(row).realised_hours)

    @staticmethod
    def resolve_planned_fte(row: Figures | Line) -> str:
        return four_places(_figures(row).planned_fte)

    @staticmethod
    def resolve_realised_fte(row: Figures | Line) -> str:
        return four_places(_figures(row).realised_fte)


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
    benefits: list[BenefitRefOut] = Field(alias="rows", description="The first of them")


class InitiativeWithoutPlan(Schema):
    id: int
    name: str
    owning_unit: str

    @staticmethod
    def resolve_owning_unit(initiative: Initiative) -> str:
        return initiative.owning_unit.name


class InitiativesWithoutPlan(Schema):
    total: int
    initiatives: list[InitiativeWithoutPlan] = Field(alias="rows")


class CutYearOut(Schema):
    budget_year: int = Field(alias="year")
    count: int
    amount: str
    realised_nok: str
    at_risk_count: int
    at_risk_amount: str
    started: bool

    @staticmethod
    def resolve_amount(year: CutYear) -> str:
        return sum_of_money(year.amount)

    @staticmethod
    def resolve_realised_nok(year: CutYear) -> str:
        return sum_of_money(year.realised)

    @staticmethod
    def resolve_at_risk_amount(year: CutYear) -> str:
        return sum_of_money(year.at_risk_amount)


class UnitRefOut(Schema):
    id: int
    name: str


class CutAtRiskOut(Schema):
    id: int = Field(alias="cut.id")
    benefit: BenefitRefOut = Field(alias="cut.benefit")
    unit: UnitRefOut = Field(alias="cut.unit")
    amount: str
    budget_year: int = Field(alias="cut.budget_year")
    benefit_realised_nok: str

    @staticmethod
    def resolve_amount(row: CutAtRisk) -> str:
        return sum_of_money(row.cut.amount)

    @staticmethod
    def resolve_benefit_realised_nok(row: CutAtRisk) -> str:
        return sum_of_money(row.realised)


class CutsAtRisk(Schema):
    total: int
    cuts: list[CutAtRiskOut] = Field(alias="rows")


class BudgetCutsOut(Schema):
    # Read from the whole summary: its cuts by year and those at risk.

    by_year: list[CutYearOut] = Field(alias="cuts_by_year")
    at_risk: CutsAtRisk = Field(
        alias="cuts_at_risk", description="Cuts made before their benefit is realised"
    )


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

    @staticmethod
    def resolve_hours_per_fte(summary: BenefitsSummary) -> str:
        return str(summary.hours_per_fte)

    @staticmethod
    def resolve_budget_cuts(summary: BenefitsSummary) -> BenefitsSummary:
        return summary


@router.get(
    "/benefits/summary",
    response={200: BenefitsSummaryOut, **ERRORS},
    summary="The benefits overview's figures, for the same filters as the list",
    operation_id="helhet_api_benefits_benefits_summary_api",
)
def benefits_summary_api(request: HttpRequest, filters: Query[BenefitFilterParams]) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    try:
        chosen = chosen_filters(filters)
    except InvalidRequest as error:
        return invalid(error.errors)
    return benefits_summary(membership.municipality, chosen, today=timezone.localdate())
