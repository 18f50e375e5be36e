"""A fund with a granted application to review and settle gains for, the fund built by
tests/fund/builders.py: Stavanger's digitalisation fund (capital NOK 100 million, case 65/17) under
rules that return half of the realised monetary gains for three years, and a grant to
"Medisindispensere" (owned by the demo project owner, led by the demo project leader) from
budget year 2022."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from helhet.accounts.models import User
from helhet.benefits.services.budget_cuts import budget_cut_create
from helhet.benefits.services.follow_up import measurement_record
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.fund.models import (
    Application,
    ApplicationStatus,
    ApplicationYear,
    EntryKind,
    Fund,
    GainReturnRule,
    UseKind,
)
from helhet.fund.services.ledger import ledger_entry_record
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.benefits.helpers import dispensers
from tests.conftest import unit_named
from tests.fund import builders
from tests.fund.builders import office

CAPITAL = Decimal("100000000")


def fund(municipality: Municipality) -> Fund:
    """The fund with its capital and rules v1 (made once per test)."""
    return builders.fund(
        municipality,
        capital=CAPITAL,
        capital_on=date(2017, 6, 1),
        decision_date=date(2017, 5, 29),
        rules={
            "gain_return": GainReturnRule.SHARE,
            "gain_return_share": Decimal(50),
            "gain_return_years": 3,
        },
    )


def grant(
    municipality: Municipality,
    *,
    initiative: Initiative | None = None,
    years: dict[int, Decimal] | None = None,
    use_kind: str = UseKind.PROJECT,
    decided_on: date = date(2022, 2, 1),
    **fields: Any,
) -> Application:
    """A granted application (for "Medisindispensere" unless another initiative is given), its
    yearly amounts committed in the ledger on ``decided_on``."""
    the_fund = fund(municipality)
    amounts = years or {2022: Decimal("1000000"), 2023: Decimal("500000")}
    application = Application.objects.create(
        municipality=municipality,
        fund=the_fund,
        rules=the_fund.rule_versions.order_by("-version").first(),
        initiative=initiative or dispensers(municipality),
        use_kind=use_kind,
        project_description="Medisindispensere i hjemmetjenesten.",
        total_cost=sum(amounts.values(), Decimal(0)) * 2,
        status=ApplicationStatus.GRANTED,
        created_by=User.objects.get(username="prosjektleder"),
        submitted_by=User.objects.get(username="prosjektleder"),
        submitted_at=timezone.make_aware(datetime(2021, 11, 1)),
        **fields,
    )
    for year, amount in amounts.items():
        ApplicationYear.objects.create(
            municipality=municipality,
            application=application,
            year=year,
            amount_applied=amount,
            amount_granted=amount,
        )
        ledger_entry_record(
            fund=the_fund,
            kind=EntryKind.COMMITMENT,
            amount=amount,
            actor=office(),
            application=application,
            budget_year=year,
            entry_date=decided_on,
            reference="22/123",
        )
    return application


def plan_with_gains(stavanger: Municipality) -> None:
    """The dispensers' plan: a direct benefit measured in kroner (0 to 1 000 000 a year) with a
    budget cut of 500 000 from 2023; freed time (2 000 hours a year) cut by 300 000 from 2024;
    and a qualitative benefit."""
    initiative = dispensers(stavanger)
    owner = User.objects.get(username="gevinsteier")
    common: dict[str, Any] = {
        "actor": None,
        "initiative": initiative,
        "owners": [owner],
        "category": "efficiency",
    }
    direct = benefit_create(
        title="Lavere kostnad per vedtak",
        dimension="economy",
        kind="direct",
        planned_amount=Decimal(1000000),
        **common,
    )
    kroner = indicator_create(
        actor=None,
        benefit=direct,
        name="Spart per år",
        unit="nok",
        baseline_value=Decimal(0),
        baseline_date=date(2022, 1, 1),
        target_value=Decimal(1000000),
        target_date=date(2026, 12, 31),
        frequency="yearly",
        measures_amount=True,
    )
    measurement_record(
        actor=owner, indicator=kroner, measured_on=date(2023, 6, 30), value=Decimal(200000)
    )
    measurement_record(
        actor=owner, indicator=kroner, measured_on=date(2024, 12, 31), value=Decimal(600000)
    )
    # The project leader's own measurement waits for confirmation: it does not count.
    measurement_record(
        actor=User.objects.get(username="prosjektleder"),
        indicator=kroner,
        measured_on=date(2025, 3, 1),
        value=Decimal(900000),
    )
    unit = unit_named(stavanger, "Hjemmebaserte tjenester")
    budget_cut_create(
        actor=None, benefit=direct, unit=unit, amount=Decimal(500000), budget_year=2023
    )
    freed = benefit_create(
        title="Færre kjøreturer",
        dimension="climate_environment",
        kind="indirect",
        planned_amount=Decimal(2000),
        **common,
    )
    budget_cut_create(
        actor=None, benefit=freed, unit=unit, amount=Decimal(300000), budget_year=2024
    )
    benefit_create(title="Tryggere medisinering", dimension="quality", kind="qualitative", **common)
