"""A fund to apply to and an application to test against: Stavanger's digitalisation fund
(rules version 1: every kind of use, at most 3 budget years, at most 10 million kroner and half
the project cost, 10 years' analysis at 4 %), and a draft from "Medisindispensere" (owned by the
demo project owner, eier, led by the demo project leader, prosjektleder), whose benefits plan is
the medicine dispenser case in tests/benefits/helpers.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from helhet.fund.models import Application, Fund, FundRound
from helhet.fund.services.applications import FundingLine, YearAmount, application_create
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.benefits.helpers import benefit, dispensers
from tests.fund import builders

FUND = builders.FUND


def the_fund(municipality: Municipality, **rules: Any) -> Fund:
    """The fund with its rules version 1 (made once per test), ``rules`` changing it."""
    values: dict[str, Any] = {
        "max_budget_years": 3,
        "max_amount": Decimal(10_000_000),
        "max_share": Decimal(50),
        "analysis_years": 10,
        "discount_rate": Decimal("4.00"),
    }
    return builders.fund(municipality, rules={**values, **rules})


def a_round(fund: Fund, name: str = "Søknadsrunde våren 2027", **fields: Any) -> FundRound:
    return FundRound.objects.create(
        municipality_id=fund.municipality_id, fund=fund, name=name, **fields
    )


def draft(municipality: Municipality, *, with_benefit: bool = True, **fields: Any) -> Application:
    """A draft from Medisindispensere for 2 million kroner over 2027 and 2028 of a 5 million
    project, with 1 million from its own budget (made once per test)."""
    initiative = dispensers(municipality)
    found = Application.objects.filter(initiative=initiative).first()
    if found is not None:
        return found
    if with_benefit:
        benefit(municipality)
    if not initiative.short_description:
        initiative.short_description = "Medisindispensere i hjemmetjenesten."
        Initiative.objects.filter(pk=initiative.pk).update(
            short_description=initiative.short_description
        )
    values: dict[str, Any] = {
        "use_kind": "project",
        "total_cost": Decimal(5_000_000),
        "years": [YearAmount(2027, Decimal(1_500_000)), YearAmount(2028, Decimal(500_000))],
        "other_funding": [FundingLine("own_budget", Decimal(1_000_000), "Helse og velferd")],
    }
    values.update(fields)
    return application_create(
        actor=builders.person("prosjektleder"),
        fund=the_fund(municipality),
        initiative=initiative,
        **values,
    )
