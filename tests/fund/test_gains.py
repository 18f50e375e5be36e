"""Gains back to the fund: what a funded initiative owes each year, computed from the benefits
module, and the portfolio office confirming or waiving it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from helhet.accounts.models import User
from helhet.fund.gains import BenefitGainFacts, Measured, amount_due, monetary_gain
from helhet.fund.models import Application, EntryKind, GainReturn, LedgerEntry
from helhet.fund.selectors.balance import fund_balance
from helhet.fund.selectors.gains import YearState, application_gains
from helhet.fund.services.gains import gain_return_confirm, gain_return_waive
from helhet.organization.models import Municipality
from tests.benefits.helpers import dispensers
from tests.conftest import database_state
from tests.fund.review_helpers import grant, office, plan_with_gains

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)


def _user(name: str) -> User:
    return User.objects.get(username=name)


def test_the_gain_of_a_benefit_is_the_larger_of_realised_kroner_and_budget_cuts() -> None:
    measured = BenefitGainFacts(
        kind="direct",
        status="being_realised",
        planned_amount=Decimal(1000000),
        due_year=None,
        unit="nok",
        baseline=Decimal(0),
        target=Decimal(1000000),
        measured=[Measured(date(2023, 6, 30), Decimal(200000))],
        cuts=[(2023, Decimal(500000))],
    )
    marked = BenefitGainFacts(
        kind="direct", status="realised", planned_amount=Decimal(80000), due_year=2024
    )
    # 2023: max(200 000, 500 000) + nothing (the marked one is due 2024) = 500 000.
    assert monetary_gain([measured, marked], 2023) == Decimal(500000)
    # 2024: max(200 000, 500 000) + 80 000 = 580 000.
    assert monetary_gain([measured, marked], 2024) == Decimal(580000)
    # 12.5 % of 100 001,00 = 12 500,125 -> 12 500,13 (half up, to whole øre).
    assert amount_due(Decimal("12.5"), Decimal("100001")) == Decimal("12500.13")


def test_the_gains_due_each_year_follow_the_rule_by_hand(stavanger: Municipality) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)

    gains = application_gains(application, today=TODAY)

    assert gains is not None
    # Granted from budget year 2022, three years of gains: 2023, 2024, 2025. Half is due.
    # 2023: direct max(200 000 measured, 500 000 cut) + freed time (no cut yet) = 500 000.
    # 2024: direct max(600 000, 500 000) + freed time's cut 300 000 = 900 000.
    # 2025: the leader's 900 000 awaits confirmation, so still 600 000 + 300 000 = 900 000.
    assert [(y.year, y.gain, y.due) for y in gains.years] == [
        (2023, Decimal(500000), Decimal("250000.00")),
        (2024, Decimal(900000), Decimal("450000.00")),
        (2025, Decimal(900000), Decimal("450000.00")),
    ]
    assert all(isinstance(y.due, Decimal) for y in gains.years)
    assert [y.state for y in gains.years] == [YearState.DUE] * 3
    assert gains.due == Decimal("1150000.00")
    # Freed time and quality are listed, never priced: hours and FTE (1 695 hours each).
    listed = [(b.title, b.hours, b.fte) for b in gains.non_monetary]
    assert listed == [
        ("Færre kjøreturer", Decimal(2000), Decimal("1.18")),
        ("Tryggere medisinering", None, None),
    ]


def test_a_year_not_ended_is_not_yet_due(stavanger: Municipality) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)

    gains = application_gains(application, today=date(2025, 6, 1))

    assert gains is not None
    assert [y.state for y in gains.years] == [YearState.DUE, YearState.DUE, YearState.RUNNING]
    assert gains.due == Decimal("700000.00")


def test_confirming_a_gain_puts_it_in_the_ledger_and_settles_the_year(
    stavanger: Municipality,
) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)
    available = fund_balance(application.fund).available

    settled = gain_return_confirm(
        application=application,
        year=2023,
        amount=Decimal("250000"),
        actor=office(),
        entry_date=date(2024, 3, 1),
        reference="Bilag 2024-118",
    )

    entry = LedgerEntry.objects.get(kind=EntryKind.RETURNED_GAIN)
    assert settled.ledger_entry == entry
    assert (entry.amount, entry.reference, entry.budget_year) == (
        Decimal("250000.00"),
        "Bilag 2024-118",
        2023,
    )
    assert fund_balance(application.fund).available == available + Decimal(250000)
    assert settled.history.get().history_user == office()
    lines = application_gains(application, today=TODAY)
    assert lines is not None
    assert [y.state for y in lines.years] == [YearState.RETURNED, YearState.DUE, YearState.DUE]
    assert (lines.returned, lines.waived, lines.outstanding) == (
        Decimal(250000),
        Decimal(0),
        Decimal(900000),
    )


def test_less_than_due_needs_a_reason_and_the_rest_is_waived(stavanger: Municipality) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        gain_return_confirm(
            application=application, year=2024, amount=Decimal(400000), actor=office()
        )
    assert refused.value.message_dict == {
        "reason": ["Det kommer tilbake mindre enn det som skyldes: si hvorfor resten frafalles."]
    }
    assert database_state() == before
    gain_return_confirm(
        application=application,
        year=2024,
        amount=Decimal(400000),
        actor=office(),
        reason="Kuttet i budsjettet kom først fra mars.",
    )

    lines = application_gains(application, today=TODAY)
    assert lines is not None
    assert (lines.returned, lines.waived) == (Decimal(400000), Decimal(50000))


def test_waiving_needs_a_reason_and_writes_no_ledger_entry(stavanger: Municipality) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)
    entries = LedgerEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        gain_return_waive(application=application, year=2025, reason=" ", actor=office())
    assert refused.value.message_dict == {"reason": ["Si hvorfor gevinsten frafalles."]}
    waived = gain_return_waive(
        application=application,
        year=2025,
        reason="Gevinsten ble brukt til flere hjemmebesøk.",
        actor=office(),
    )

    assert (waived.amount_due, waived.amount_returned) == (Decimal("450000.00"), None)
    assert LedgerEntry.objects.count() == entries
    lines = application_gains(application, today=TODAY)
    assert lines is not None
    assert lines.waived == Decimal(450000)


@pytest.mark.parametrize(
    ("who", "year", "amount", "message"),
    [
        (
            "eier",
            2023,
            "250000",
            "Bare porteføljekontoret bekrefter eller frafaller gevinster som skal tilbake til "
            "fondet.",
        ),
        (
            "prosjektleder",
            2023,
            "250000",
            "Bare porteføljekontoret bekrefter eller frafaller gevinster som skal tilbake til "
            "fondet.",
        ),
        (
            "portefolje",
            2022,
            "1",
            "Søknaden skylder ikke fondet gevinster for 2022 etter sine regler.",
        ),
        (
            "portefolje",
            2023,
            "250000.01",
            "250\xa0000 kr skyldes for 2023; mer enn det kan ikke tilbakeføres.",
        ),
        ("portefolje", 2023, "-5", "Skriv beløpet som er tilbakeført, over 0 kroner."),
    ],
)
def test_refused_settlements_write_nothing(
    stavanger: Municipality, who: str, year: int, amount: str, message: str
) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        gain_return_confirm(
            application=application, year=year, amount=Decimal(amount), actor=_user(who)
        )

    assert message in refused.value.messages
    assert database_state() == before
    assert not GainReturn.objects.exists()


def test_a_year_not_ended_is_not_settled(stavanger: Municipality) -> None:
    this_year = timezone.localdate().year
    application = grant(stavanger, years={this_year - 1: Decimal(1000000)})

    with pytest.raises(ValidationError) as refused:
        gain_return_waive(application=application, year=this_year, reason="Nei.", actor=office())

    assert refused.value.messages == [
        f"{this_year} er ikke omme ennå. Gjør opp årets gevinst når året er over."
    ]


def test_the_portfolio_office_member_who_owns_the_initiative_may_not_settle_it(
    stavanger: Municipality,
) -> None:
    plan_with_gains(stavanger)
    initiative = dispensers(stavanger)
    initiative.project_owner = office()
    initiative.save()
    application = grant(stavanger)

    with pytest.raises(ValidationError) as refused:
        gain_return_waive(application=application, year=2023, reason="Nei.", actor=office())

    assert "Du eier eller leder tiltaket" in refused.value.messages[0]


def test_a_settled_year_is_not_settled_again(stavanger: Municipality) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)
    gain_return_waive(application=application, year=2023, reason="Kvalitet.", actor=office())

    with pytest.raises(ValidationError) as refused:
        gain_return_confirm(application=application, year=2023, amount=Decimal(1), actor=office())

    assert refused.value.messages == ["2023 er allerede gjort opp: frafalt."]


def test_an_application_under_rules_without_gain_return_owes_nothing(
    stavanger: Municipality,
) -> None:
    application = grant(stavanger)
    assert application.rules is not None
    application.rules.gain_return = "none"
    application.rules.save()

    assert application_gains(Application.objects.get(pk=application.pk), today=TODAY) is None
