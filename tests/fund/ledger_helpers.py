"""A fund with money in it, and applications to it, to test the ledger against: Stavanger's
digitalisation fund (NOK 100 million in the audit; smaller round sums here, so the arithmetic in
the tests is easy to follow)."""

from __future__ import annotations

from decimal import Decimal

from helhet.accounts.models import User
from helhet.fund.models import Application, ApplicationStatus, EntryKind, Fund
from helhet.fund.services.ledger import ledger_entry_record
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create


def fund_with_capital(
    municipality: Municipality, capital: Decimal | None, *, actor: User, name: str = "Fondet"
) -> Fund:
    """A fund with one capital entry of ``capital`` kroner (none if None)."""
    fund = Fund.objects.create(municipality=municipality, name=name)
    if capital is not None:
        ledger_entry_record(
            fund=fund, kind=EntryKind.CAPITAL, amount=capital, actor=actor, reference="65/17"
        )
    return fund


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
    fund: Fund, *, actor: User, initiative: str = "Velferdsteknologi"
) -> Application:
    """A submitted application to ``fund`` from the initiative named ``initiative``; the ledger
    only needs it to exist (what makes an application complete is tested elsewhere)."""
    return Application.objects.create(
        municipality_id=fund.municipality_id,
        fund=fund,
        initiative=initiative_named(fund.municipality, initiative),
        status=ApplicationStatus.SUBMITTED,
        created_by=actor,
    )
