"""The portfolio overview's counts and sums in the JSON API, for the same filters as the list of
initiatives."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from helhet.accounts.roles import Capability
from helhet.api.errors import ERRORS, InvalidRequest, invalid
from helhet.api.initiatives import InitiativeFilters, chosen_filters
from helhet.api.members import request_membership, require
from helhet.api.schemas import sum_of_money
from helhet.portfolio.filters import filtered_initiatives
from helhet.portfolio.selectors import Bucket, PortfolioSummary, portfolio_summary

router = Router(tags=["portfolio"])


class BucketOut(Schema):
    key: str
    label: str
    count: int
    amount: str = Field(description="NOK, as a decimal string")
    id: int | None = None

    @staticmethod
    def resolve_amount(bucket: Bucket) -> str:
        return sum_of_money(bucket.amount)

    @staticmethod
    def resolve_id(bucket: Bucket) -> int | None:
        return bucket.pk


class SummaryOut(Schema):
    total: int
    estimated_cost: str
    actual_cost: str
    funded_total: str
    by_kind: list[BucketOut]
    by_status: list[BucketOut]
    by_service_area: list[BucketOut]
    by_department: list[BucketOut]
    by_goal: list[BucketOut]
    funding: list[BucketOut]
    stale: int
    without_ros: int = Field(
        description="Processing personal data without a finished ROS or with the DPIA not assessed"
    )

    @staticmethod
    def resolve_estimated_cost(summary: PortfolioSummary) -> str:
        return sum_of_money(summary.estimated_cost)

    @staticmethod
    def resolve_actual_cost(summary: PortfolioSummary) -> str:
        return sum_of_money(summary.actual_cost)

    @staticmethod
    def resolve_funded_total(summary: PortfolioSummary) -> str:
        return sum_of_money(summary.funded_total)


@router.get(
    "/portfolio/summary",
    response={200: SummaryOut, **ERRORS},
    summary="The overview's counts and sums, for the same filters as the list",
    operation_id="helhet_api_portfolio_summary",
)
def summary(request: HttpRequest, filters: Query[InitiativeFilters]) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    municipality = membership.municipality
    try:
        chosen = chosen_filters(request, municipality)
    except InvalidRequest as error:
        return invalid(error.errors)
    return portfolio_summary(
        municipality=municipality,
        initiatives=filtered_initiatives(municipality=municipality, filters=chosen),
    )
