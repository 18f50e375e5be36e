"""The fund's ledger (helhet/fund/services/ledger.py): balances from the entries, a commitment
never beyond what the fund has available, a disbursement or release never beyond what is left of
the grant, corrections as reversing entries, and every refusal in Norwegian with nothing
written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.fund.models import EntryKind, Fund, LedgerEntry
from helhet.fund.selectors.balance import application_balance, fund_balance
from helhet.fund.services.ledger import ledger_entry_correct, ledger_entry_record
from helhet.organization.models import Municipality
from tests.fund.ledger_helpers import application_to, fund_with_capital

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(stavanger: Municipality) -> User:
    return User.objects.get(username="portefolje")


@pytest.fixture
def fund(stavanger: Municipality, office: User) -> Fund:
    return fund_with_capital(stavanger, Decimal("1000000"), actor=office)


def _entries(fund: Fund) -> list[tuple[str, Decimal]]:
    return list(LedgerEntry.objects.filter(fund=fund).order_by("pk").values_list("kind", "amount"))


def _refused(message: str, **entry: Any) -> None:
    with pytest.raises(ValidationError) as refusal:
        ledger_entry_record(**entry)
    # Thousands are grouped with a no-break space, so a sum is never split over two lines.
    assert [text.replace("\xa0", " ") for text in refusal.value.messages] == [message]


def test_balances_follow_every_kind_of_entry(fund: Fund, office: User) -> None:
    """Capital 1 000 000 + 250 000 later; a grant of 300 000 of which 100 000 is paid out and
    50 000 released; 20 000 of gains returned."""
    application = application_to(fund, actor=office)
    record: dict[str, Any] = {"fund": fund, "actor": office}
    ledger_entry_record(**record, kind=EntryKind.CAPITAL, amount=Decimal("250000"))
    ledger_entry_record(
        **record, kind=EntryKind.COMMITMENT, amount=Decimal("300000"), application=application
    )
    ledger_entry_record(
        **record,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("100000.50"),
        application=application,
        reference="Bilag 2024-118",
    )
    ledger_entry_record(
        **record, kind=EntryKind.RELEASE, amount=Decimal("50000"), application=application
    )
    ledger_entry_record(
        **record, kind=EntryKind.RETURNED_GAIN, amount=Decimal("20000"), application=application
    )

    balance = fund_balance(fund)
    assert balance.capital == Decimal("1250000")
    assert balance.returned == Decimal("20000")
    assert balance.committed == Decimal("250000")  # 300 000 − 50 000 released
    assert balance.disbursed == Decimal("100000.50")
    assert balance.available == Decimal("1020000")  # 1 250 000 + 20 000 − 250 000
    assert balance.undisbursed == Decimal("149999.50")  # 250 000 − 100 000,50
    grant = application_balance(application)
    assert (grant.committed, grant.disbursed, grant.undisbursed) == (
        Decimal("250000"),
        Decimal("100000.50"),
        Decimal("149999.50"),
    )


def test_a_commitment_beyond_what_is_available_is_refused(fund: Fund, office: User) -> None:
    first, second = application_to(fund, actor=office), application_to(fund, actor=office)
    ledger_entry_record(
        fund=fund,
        kind=EntryKind.COMMITMENT,
        amount=Decimal("600000"),
        application=first,
        actor=office,
    )
    before = _entries(fund)

    _refused(
        "Fondet har 400 000 kr disponibelt; 400 000,01 kr kan ikke bindes. Gi tilsagn om "
        "mindre, eller vent på mer kapital.",
        fund=fund,
        kind=EntryKind.COMMITMENT,
        amount=Decimal("400000.01"),
        application=second,
        actor=office,
    )

    assert _entries(fund) == before
    # All of what is left may be committed.
    ledger_entry_record(
        fund=fund,
        kind=EntryKind.COMMITMENT,
        amount=Decimal("400000"),
        application=second,
        actor=office,
    )
    assert fund_balance(fund).available == 0


def test_no_more_is_disbursed_or_released_than_is_left_of_the_grant(
    fund: Fund, office: User
) -> None:
    application = application_to(fund, actor=office)
    grant: dict[str, Any] = {"fund": fund, "application": application, "actor": office}
    ledger_entry_record(**grant, kind=EntryKind.COMMITMENT, amount=Decimal("200000"))
    ledger_entry_record(
        **grant, kind=EntryKind.DISBURSEMENT, amount=Decimal("150000"), reference="B-1"
    )
    before = _entries(fund)

    _refused(
        "Bare 50 000 kr av tilsagnet er ikke utbetalt; 50 000,50 kr kan ikke utbetales.",
        **grant,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("50000.50"),
        reference="B-2",
    )
    _refused(
        "Bare 50 000 kr av tilsagnet er ikke utbetalt; 60 000 kr kan ikke frigis.",
        **grant,
        kind=EntryKind.RELEASE,
        amount=Decimal("60000"),
    )
    # A disbursement from an application with no grant at all.
    _refused(
        "Bare 0 kr av tilsagnet er ikke utbetalt; 1 kr kan ikke utbetales.",
        fund=fund,
        application=application_to(fund, actor=office, initiative="Annet tiltak"),
        actor=office,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("1"),
        reference="B-3",
    )

    assert _entries(fund) == before


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal("-100"), "Skriv et beløp over 0 kroner."),
        (Decimal("0"), "Skriv et beløp over 0 kroner."),
        (Decimal("NaN"), "Skriv et beløp over 0 kroner."),
        (Decimal("Infinity"), "Skriv et beløp over 0 kroner."),
        (None, "Skriv et beløp over 0 kroner."),
        ("100", "Skriv et beløp over 0 kroner."),
        (100.5, "Skriv et beløp over 0 kroner."),
        (Decimal("10.005"), "Skriv beløpet i kroner med høyst to desimaler (øre)."),
        (Decimal("1000000000000"), "Skriv et beløp under 1 000 000 000 000 kroner."),
    ],
)
def test_an_amount_that_is_not_kroner_above_zero_is_refused(
    fund: Fund, office: User, amount: object, message: str
) -> None:
    before = _entries(fund)
    _refused(message, fund=fund, kind=EntryKind.CAPITAL, amount=amount, actor=office)
    assert _entries(fund) == before


def test_an_entry_must_fit_its_kind(fund: Fund, office: User, stavanger: Municipality) -> None:
    application = application_to(fund, actor=office)
    other_fund = fund_with_capital(stavanger, Decimal("500"), actor=office, name="Et annet fond")
    before = _entries(fund)
    amount: dict[str, Any] = {"fund": fund, "amount": Decimal("100"), "actor": office}

    _refused("Et tilsagn må vise til søknaden.", **amount, kind=EntryKind.COMMITMENT)
    _refused(
        "Kapital gis til fondet, ikke til en søknad.",
        **amount,
        kind=EntryKind.CAPITAL,
        application=application,
    )
    _refused("Velg hva slags postering det er.", **amount, kind="gift")
    _refused(
        "Skriv bilagsnummeret for utbetalingen.",
        **amount,
        kind=EntryKind.DISBURSEMENT,
        application=application,
        reference="  ",
    )
    _refused(
        "Søknaden gjelder et annet fond.",
        fund=other_fund,
        amount=Decimal("100"),
        actor=office,
        kind=EntryKind.COMMITMENT,
        application=application,
    )
    with pytest.raises(ValidationError):
        ledger_entry_record(**amount, kind=EntryKind.CAPITAL, note="x" * 201)

    assert _entries(fund) == before


def test_a_correction_reverses_an_entry_once(fund: Fund, office: User) -> None:
    application = application_to(fund, actor=office)
    grant: dict[str, Any] = {"fund": fund, "application": application, "actor": office}
    ledger_entry_record(**grant, kind=EntryKind.COMMITMENT, amount=Decimal("200000"))
    wrong = ledger_entry_record(
        **grant, kind=EntryKind.DISBURSEMENT, amount=Decimal("20000"), reference="B-7"
    )

    correction = ledger_entry_correct(entry=wrong, actor=office, reason="Feil beløp på bilaget")

    assert (correction.kind, correction.amount) == (EntryKind.DISBURSEMENT, Decimal("-20000"))
    assert (correction.corrects, correction.note, correction.reference) == (
        wrong,
        "Feil beløp på bilaget",
        "B-7",
    )
    assert fund_balance(fund).disbursed == 0
    assert application_balance(application).undisbursed == Decimal("200000")
    with pytest.raises(ValidationError, match="Posteringen er allerede korrigert"):
        ledger_entry_correct(entry=wrong, actor=office, reason="En gang til")
    with pytest.raises(ValidationError, match="En korrigering korrigeres ikke på nytt"):
        ledger_entry_correct(entry=correction, actor=office, reason="Angre")
    with pytest.raises(ValidationError, match="Skriv hvorfor posteringen korrigeres"):
        ledger_entry_correct(
            entry=LedgerEntry.objects.get(kind=EntryKind.COMMITMENT, fund=fund),
            actor=office,
            reason=" ",
        )
    assert LedgerEntry.objects.filter(fund=fund).count() == 4


def test_a_correction_that_would_overdraw_is_refused(fund: Fund, office: User) -> None:
    application = application_to(fund, actor=office)
    grant: dict[str, Any] = {"fund": fund, "application": application, "actor": office}
    capital = LedgerEntry.objects.get(fund=fund, kind=EntryKind.CAPITAL)
    commitment = ledger_entry_record(**grant, kind=EntryKind.COMMITMENT, amount=Decimal("300000"))
    ledger_entry_record(
        **grant, kind=EntryKind.DISBURSEMENT, amount=Decimal("100000"), reference="B-1"
    )
    before = _entries(fund)

    # The capital is committed: taking it away would leave −300 000 kr available.
    with pytest.raises(ValidationError, match="mindre enn det har bundet eller utbetalt"):
        ledger_entry_correct(entry=capital, actor=office, reason="Feil vedtak")
    # 100 000 kr of the grant is paid out: the commitment cannot be taken back whole.
    with pytest.raises(ValidationError, match="mindre enn det har bundet eller utbetalt"):
        ledger_entry_correct(entry=commitment, actor=office, reason="Feil søknad")

    assert _entries(fund) == before
    assert LedgerEntry.objects.filter(corrects__isnull=False).count() == 0


def test_an_entry_is_never_changed_or_deleted(fund: Fund) -> None:
    entry = LedgerEntry.objects.get(fund=fund)
    entry.amount = Decimal("1")
    with pytest.raises(ValidationError, match="En postering endres aldri"):
        entry.save()
    with pytest.raises(ValidationError, match="En postering slettes aldri"):
        entry.delete()
    assert LedgerEntry.objects.get(fund=fund).amount == Decimal("1000000")
