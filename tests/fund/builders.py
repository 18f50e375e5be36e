"""The one way the fund tests build a fund: rows for the fund and its first rules version (with
criteria when asked), and its capital through the ledger service, the only writer of the ledger.
The helper modules beside it (application_helpers, decision_helpers, ledger_helpers,
review_helpers) are presets over this builder: each names the fund its tests need (its rules,
its capital), none builds one its own way. ``ledger_helpers.innovation_fund`` is the exception
on purpose: it builds a fund through the fund's services, as the portfolio office would."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from helhet.accounts.models import User
from helhet.fund.models import EntryKind, Fund, FundCriterion, FundRules
from helhet.fund.services.ledger import ledger_entry_record
from helhet.organization.models import Municipality

FUND = "Digitaliseringsfondet"


def person(username: str) -> User:
    """A demo person by username: prosjektleder writes, portefolje keeps the fund and assesses,
    direktor decides, eier owns the initiatives."""
    return User.objects.get(username=username)


def office() -> User:
    """The demo's portfolio office, who keeps the funds."""
    return person("portefolje")


def fund(
    municipality: Municipality,
    *,
    name: str = FUND,
    capital: Decimal | None = None,
    capital_on: date | None = None,
    capital_by: User | None = None,
    decision_date: date | None = None,
    decider: User | None = None,
    criteria: Sequence[tuple[str, int]] = (),
    rules: dict[str, Any] | None = None,
) -> Fund:
    """The municipality's fund named ``name``, made once per test (a second call returns it as
    it is): the decision that set it up (case 65/17 by Bystyret), rules version 1 with
    ``rules`` (none when ``rules`` is None) and ``criteria`` as (name, weight), and ``capital``
    recorded in its ledger (on ``capital_on``, by ``capital_by`` or the portfolio office)."""
    found = Fund.objects.filter(municipality=municipality, name=name).first()
    if found is not None:
        return found
    made = Fund.objects.create(
        municipality=municipality,
        name=name,
        purpose="Større digitaliseringsprosjekter der gevinstene kommer senere.",
        decision_reference="65/17",
        decision_date=decision_date,
        decision_body="Bystyret",
        decider=decider,
    )
    if rules is not None:
        version = FundRules.objects.create(municipality=municipality, fund=made, version=1, **rules)
        for position, (criterion, weight) in enumerate(criteria):
            FundCriterion.objects.create(
                municipality=municipality,
                rules=version,
                name=criterion,
                weight=weight,
                position=position,
            )
    if capital:
        ledger_entry_record(
            fund=made,
            kind=EntryKind.CAPITAL,
            amount=capital,
            actor=capital_by or office(),
            entry_date=capital_on,
            reference="65/17",
        )
    return made
