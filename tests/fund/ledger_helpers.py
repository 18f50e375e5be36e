"""A fund with money in it, and applications to it, to test the ledger against: Stavanger's
digitalisation fund (NOK 100 million in the audit; smaller round sums here, so the arithmetic in
the tests is easy to follow)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from helhet.accounts.models import User
from helhet.fund.models import Application, ApplicationStatus, EntryKind, Fund
from helhet.fund.services.funds import (
    CriterionLine,
    fund_create,
    fund_round_create,
    fund_rules_create,
)
from helhet.fund.services.ledger import ledger_entry_record
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.fund import builders


def fund_with_capital(
    municipality: Municipality, capital: Decimal | None, *, actor: User, name: str = "Fondet"
) -> Fund:
    """A fund without rules with one capital entry of ``capital`` kroner (none if None)."""
    return builders.fund(municipality, name=name, capital=capital, capital_by=actor)


def initiative_named(municipality: Municipality, name: str) -> Initiative:
    """An initiative in the portfolio, with neither owner nor leader (made once per test)."""
    found = Initiative.objects.filter(municipality=municipality, name=name).first()
    if found is not None:
        return found
    unit = OrgUnit.objects.filter(municipality=municipality).order_by("pk").first()
    if unit is None:
        unit = OrgUnit.objects.create(
            municipality=municipality, name="Digitalisering", kind=UnitKind.SERVICE_AREA
        )
    return initiative_create(
        actor=None,
        municipality=municipality,
        name=name,
        kind=InitiativeKind.PROJECT,
        owning_unit=unit,
    )


def application_to(
    fund: Fund,
    *,
    actor: User,
    initiative: str = "Velferdsteknologi",
    status: str = ApplicationStatus.SUBMITTED,
) -> Application:
    """An application to ``fund`` from the initiative named ``initiative``; the ledger only
    needs it to exist (what makes an application complete is tested elsewhere)."""
    return Application.objects.create(
        municipality_id=fund.municipality_id,
        fund=fund,
        initiative=initiative_named(fund.municipality, initiative),
        status=status,
        created_by=actor,
    )


INNOVATION_FUND = "Innovasjonsfondet"


def innovation_fund(municipality: Municipality) -> Fund:
    """A fund kept by the demo's portfolio office (made once per test) with rules version 1 and
    two criteria, 1 000 000 kr of capital, a round, and a grant of 200 000 kr to
    "Velferdsteknologi" of which 50 000 kr is paid out."""
    found = Fund.objects.filter(municipality=municipality, name=INNOVATION_FUND).first()
    if found is not None:
        return found
    office = User.objects.get(username="portefolje")
    fund = fund_create(
        actor=office,
        municipality=municipality,
        name=INNOVATION_FUND,
        purpose="Større innovasjonsprosjekter der gevinstene kommer senere.",
        decision_reference="65/17",
        decision_date=date(2017, 5, 8),
        decision_body="Bystyret",
    )
    fund_rules_create(
        actor=office,
        fund=fund,
        criteria=[CriterionLine("Nytte for innbyggerne", 3), CriterionLine("Gjennomførbarhet", 1)],
        max_amount=Decimal("5000000"),
        max_share=Decimal(50),
    )
    fund_round_create(actor=office, fund=fund, name="Våren 2027", deadline=date(2027, 3, 1))
    record: dict[str, Any] = {"fund": fund, "actor": office}
    ledger_entry_record(
        **record, kind=EntryKind.CAPITAL, amount=Decimal("1000000"), reference="65/17"
    )
    grant = application_to(fund, actor=office, status=ApplicationStatus.GRANTED)
    ledger_entry_record(
        **record,
        kind=EntryKind.COMMITMENT,
        amount=Decimal("200000"),
        application=grant,
        budget_year=2027,
    )
    ledger_entry_record(
        **record,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("50000"),
        application=grant,
        reference="Bilag 2027-1",
    )
    return fund
