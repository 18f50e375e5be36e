"""Funds, their versioned rules and their rounds (helhet/fund/services/funds.py): a fund names
the decision that set it up and, if it wants, a decider whose role decides fund grants; a change
of the rules makes a new version with the current criteria copied, and the earlier versions
stay as they were; every refusal in Norwegian, nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.fund.models import Fund, FundRound, FundRules, GainReturnRule
from helhet.fund.services.funds import (
    CriterionLine,
    current_rules,
    fund_create,
    fund_round_create,
    fund_round_update,
    fund_rules_create,
    fund_update,
)
from helhet.organization.models import Municipality

pytestmark = pytest.mark.django_db


def _messages(refusal: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return refusal.value.message_dict


def test_a_fund_names_its_decision_and_a_decider_who_may_decide(stavanger: Municipality) -> None:
    office = User.objects.get(username="portefolje")
    fund = fund_create(
        actor=office,
        municipality=stavanger,
        name=" Digitaliseringsfondet ",
        decision_reference="65/17",
        decision_date=date(2017, 5, 8),
        decision_body="Bystyret",
        decider=User.objects.get(username="direktor"),
    )
    assert fund.decider is not None
    assert (fund.name, fund.decider.username) == ("Digitaliseringsfondet", "direktor")
    assert fund.history.get().history_user == office

    with pytest.raises(ValidationError) as refusal:
        fund_update(actor=office, fund=fund, decider=User.objects.get(username="eier"))
    assert _messages(refusal) == {
        "decider": [
            "Øyvind Tjelta kan ikke avgjøre søknader: rollen Prosjekteier fatter ikke vedtak om "
            "fondsmidler. Velg en leder, eller la feltet stå tomt, så avgjør en hvilken som helst "
            "leder."
        ]
    }
    with pytest.raises(ValidationError) as refusal:
        fund_update(actor=office, fund=fund, decider=User.objects.get(username="bergen-admin"))
    assert "arbeider ikke i denne kommunen" in _messages(refusal)["decider"][0]
    with pytest.raises(ValidationError) as refusal:
        fund_create(actor=office, municipality=stavanger, name="digitaliseringsfondet")
    assert _messages(refusal) == {"name": ["Kommunen har allerede et fond med dette navnet."]}

    fund.refresh_from_db()
    assert fund.decider_id == User.objects.get(username="direktor").pk
    assert Fund.objects.filter(municipality=stavanger).count() == 1


def test_changing_the_rules_makes_a_new_version_and_keeps_the_old(
    stavanger: Municipality,
) -> None:
    office = User.objects.get(username="portefolje")
    fund = fund_create(actor=office, municipality=stavanger, name="Fondet")
    first = fund_rules_create(
        actor=office,
        fund=fund,
        criteria=[CriterionLine("Nytte for innbyggerne", 3), CriterionLine("Gjennomførbarhet")],
        max_amount=Decimal("5000000"),
        max_share=Decimal(50),
        gain_return=GainReturnRule.SHARE,
        gain_return_share=Decimal(50),
        gain_return_years=5,
    )
    second = fund_rules_create(
        actor=office, fund=fund, note="Lavere tak", max_amount=Decimal("3000000")
    )

    assert (first.version, second.version) == (1, 2)
    assert current_rules(fund) == second
    # The rest is copied from version 1, its criteria too; version 1 is as it was.
    assert (second.max_share, second.gain_return_share, second.gain_return_years) == (50, 50, 5)
    assert [(c.name, c.weight) for c in second.criteria.all()] == [
        ("Nytte for innbyggerne", 3),
        ("Gjennomførbarhet", 1),
    ]
    first.refresh_from_db()
    assert first.max_amount == Decimal("5000000")
    assert first.criteria.count() == 2
    # No gains back: the share and years are cleared, not kept from before.
    third = fund_rules_create(actor=office, fund=fund, gain_return=GainReturnRule.NONE)
    assert (third.gain_return_share, third.gain_return_years) == (0, 0)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"min_amount": Decimal(500), "max_amount": Decimal(100)},
            "max_amount",
            "Største beløp må være minst like stort som minste beløp.",
        ),
        ({"max_share": Decimal(0)}, "max_share", "Skriv en andel over 0 og høyst 100 %."),
        (
            {"max_amount": Decimal(-1)},
            "max_amount",
            "Skriv et beløp fra 0 til 999 999 999 999 kroner.",
        ),
        (
            {"finances_one_off": False, "finances_entry_ticket": False, "finances_project": False},
            "finances_project",
            "Fondet må finansiere minst én type bruk.",
        ),
        (
            {"gain_return": GainReturnRule.SHARE, "gain_return_share": 0, "gain_return_years": 5},
            "gain_return_share",
            "Skriv andelen av realiserte økonomiske gevinster som går tilbake til fondet, over 0 "
            "og høyst 100 %.",
        ),
        ({"criteria": []}, "criteria", "Rangér søknadene etter minst ett kriterium."),
        (
            {"criteria": [CriterionLine("Nytte"), CriterionLine("nytte ")]},
            "criteria",
            "To kriterier har samme navn: gi hvert sitt eget.",
        ),
        (
            {"criteria": [CriterionLine("Nytte", 0)]},
            "criteria",
            "Gi hvert kriterium en vekt fra 1 til 100.",
        ),
    ],
)
def test_rules_that_do_not_hold_are_refused(
    stavanger: Municipality, changes: dict[str, object], field: str, message: str
) -> None:
    office = User.objects.get(username="portefolje")
    fund = fund_create(actor=office, municipality=stavanger, name="Fondet")
    changes.setdefault("criteria", [CriterionLine("Nytte")])
    with pytest.raises(ValidationError) as refusal:
        fund_rules_create(actor=office, fund=fund, **changes)  # type: ignore[arg-type]
    assert _messages(refusal) == {field: [message]}
    assert not FundRules.objects.filter(fund=fund).exists()


def test_a_round_has_a_unique_name_and_opens_before_its_deadline(
    stavanger: Municipality,
) -> None:
    office = User.objects.get(username="portefolje")
    fund = fund_create(actor=office, municipality=stavanger, name="Fondet")
    spring = fund_round_create(
        actor=office, fund=fund, name="Våren 2027", deadline=date(2027, 3, 1)
    )

    with pytest.raises(ValidationError) as refusal:
        fund_round_create(actor=office, fund=fund, name="våren 2027", deadline=date(2027, 4, 1))
    assert _messages(refusal) == {"name": ["Fondet har allerede en søknadsrunde med dette navnet."]}
    with pytest.raises(ValidationError) as refusal:
        fund_round_update(
            actor=office,
            round_=spring,
            name="Våren 2027",
            deadline=date(2027, 3, 1),
            opens_on=date(2027, 3, 2),
        )
    assert _messages(refusal) == {"opens_on": ["Runden må åpne senest på søknadsfristen."]}
    spring.refresh_from_db()
    assert spring.opens_on is None
    assert FundRound.objects.filter(fund=fund).count() == 1
