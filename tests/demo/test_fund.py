"""The fund demo: Stavanger's digitalisation fund with the audit's facts (NOK 100 million, case
65/17 in May 2017; cases 64/17 and 63/19), the two example grants the audit names, and a round
with an application at each stage, every example amount marked as one; and the demo's chief can
go on to decide the application that waits."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from helhet.accounts.models import User
from helhet.fund.duties import assessment_refusal, decision_refusal
from helhet.fund.models import (
    Application,
    ApplicationStatus,
    DecisionOutcome,
    EntryKind,
    Fund,
    GainReturnRule,
    LedgerEntry,
    UseKind,
)
from helhet.fund.selectors.applications import submission_problems
from helhet.fund.selectors.balance import fund_balance
from helhet.fund.selectors.gains import application_gains
from helhet.fund.services.decisions import application_decide

pytestmark = pytest.mark.django_db

EXAMPLE = "Eksempelbeløp"


@pytest.fixture
def fund(settings: Settings) -> Fund:
    settings.DEBUG = True  # load_demo refuses otherwise
    call_command("load_demo", stdout=StringIO())
    return Fund.objects.get(municipality__slug="stavanger")


def test_the_demo_fund_tells_the_audits_story_with_example_amounts_marked(fund: Fund) -> None:
    # The fund and the decisions behind it, as the audit gives them.
    assert (fund.name, fund.decision_reference, fund.decision_body) == (
        "Digitaliseringsfondet",
        "65/17",
        "Bystyret",
    )
    assert fund.decision_date == date(2017, 5, 22)
    for fact in ("100 millioner", "64/17", "20.11.2017", "63/19", EXAMPLE):
        assert fact in fund.purpose
    capital = LedgerEntry.objects.get(fund=fund, kind=EntryKind.CAPITAL)
    assert (capital.amount, capital.entry_date, capital.reference) == (
        Decimal(100_000_000),
        date(2017, 5, 22),
        "65/17",
    )

    # Rules v1: all three kinds, realised gains back to the fund (the share an example); v2
    # an example change, which this year's round is submitted under while the grants keep v1.
    first, rules = fund.rule_versions.order_by("version")
    assert (first.version, rules.version) == (1, 2)
    assert all(first.finances(kind) for kind in UseKind.values)
    assert first.gain_return == GainReturnRule.SHARE and first.gain_return_share > 0
    assert "tilbakeføres til fondet" in first.note and "eksempler" in first.note
    assert rules.max_share == 80 and rules.gain_return_share == first.gain_return_share
    assert [c.name for c in rules.criteria.all()] == [c.name for c in first.criteria.all()]

    # Every entry but the council's capital, and every application, says its amounts are
    # examples.
    assert (
        not LedgerEntry.objects.filter(fund=fund)
        .exclude(kind=EntryKind.CAPITAL)
        .exclude(note__startswith=EXAMPLE)
        .exists()
    )
    assert not fund.applications.exclude(project_description__startswith=EXAMPLE).exists()

    # The uses the audit names: one-off grants decided after April 2019, paid out since.
    wireless = fund.applications.get(initiative__name="Trådløst nett på sykehjemmene")
    ticket = fund.applications.get(initiative__name="DigiBarnevern")
    assert (wireless.use_kind, ticket.use_kind) == (UseKind.ONE_OFF, UseKind.ENTRY_TICKET)
    assert {wireless.status, ticket.status} == {ApplicationStatus.GRANTED}
    assert wireless.rules == ticket.rules == first
    commitments = LedgerEntry.objects.filter(
        application__in=[wireless, ticket], kind=EntryKind.COMMITMENT
    )
    assert all(date(2019, 4, 11) < e.entry_date < date(2021, 1, 1) for e in commitments)
    assert LedgerEntry.objects.filter(application=wireless, kind=EntryKind.RELEASE).exists()
    assert LedgerEntry.objects.filter(application=ticket, kind=EntryKind.DISBURSEMENT).count() == 2

    # The example of a gain due back: the wireless network's saved subscriptions (measured
    # 1 400 000 -> 1 100 000 -> 900 000 -> 850 000 kroner a year) owe half for 2021-2025.
    gains = application_gains(wireless, today=timezone.localdate())
    assert gains is not None
    assert [(year.year, year.due) for year in gains.years] == [
        (2021, Decimal(150_000)),
        (2022, Decimal(250_000)),
        (2023, Decimal(275_000)),
        (2024, Decimal(275_000)),
        (2025, Decimal(275_000)),
    ]
    assert all(year.settleable for year in gains.years)  # none returned, as in the audit
    saving = wireless.initiative.benefits.get(kind="direct")
    assert "demoeksempel" in saving.title and "eksempler" in saving.description
    reader = Client()
    reader.force_login(User.objects.get(username="leser"))
    page = reader.get(f"/fond/{fund.pk}/gevinster/").content.decode().replace("\xa0", " ")
    assert '<dd id="gains-due">1 225 000 kr</dd>' in page
    assert f'id="grant-{wireless.pk}-example"' in page  # the page says they are examples

    # This year's round: a draft, an assessed application waiting for its decision, a grant.
    by_status = {a.status: a for a in fund.applications.filter(round__isnull=False)}
    assert set(by_status) == {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.PARTLY_GRANTED,
    }
    draft = by_status[ApplicationStatus.DRAFT]
    # Only the benefits realisation plan is missing: the page lists it instead of submitting.
    assert not draft.initiative.benefits.exists()
    assert len(submission_problems(draft, rules, today=timezone.localdate())) == 1
    granted = by_status[ApplicationStatus.PARTLY_GRANTED]
    assert granted.decisions.get().conditions
    assert granted.rules == by_status[ApplicationStatus.SUBMITTED].rules == rules

    # The balance adds up: capital less what is committed (a release gives back).
    balance = fund_balance(fund)
    assert balance.capital == Decimal(100_000_000)
    assert balance.committed == Decimal(4_500_000 - 150_000 + 2_000_000 + 1_600_000)
    assert balance.disbursed == Decimal(4_350_000 + 2_000_000)

    _the_chief_decides_the_waiting_application(by_status[ApplicationStatus.SUBMITTED])


def _the_chief_decides_the_waiting_application(waiting: Application) -> None:
    """The demo's logins can take the story on: the office assessed it, the chief may decide
    it; a decision dated in the future is refused with nothing written."""
    chief = User.objects.get(username="direktor")
    office = User.objects.get(username="portefolje")
    assert waiting.formal_check_passed and waiting.assessed_by == office
    assert assessment_refusal(office, waiting) is None
    assert decision_refusal(chief, waiting) is None
    before = (LedgerEntry.objects.count(), waiting.decisions.count(), waiting.status)

    tomorrow = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError, match="fram i tid"):
        application_decide(
            actor=chief,
            application=waiting,
            outcome=DecisionOutcome.GRANTED,
            case_reference="26/00001",
            decided_at=tomorrow,
        )
    waiting.refresh_from_db()
    assert (LedgerEntry.objects.count(), waiting.decisions.count(), waiting.status) == before

    application_decide(
        actor=chief, application=waiting, outcome=DecisionOutcome.GRANTED, case_reference="1"
    )
    entries = LedgerEntry.objects.filter(application=waiting, kind=EntryKind.COMMITMENT)
    assert {e.entry_date for e in entries} == {timezone.localdate()}
    assert sum(e.amount for e in entries) == Decimal(2_200_000)
