"""The decision on an application by the fund's decider: grants commit their money in the
ledger per budget year in the same transaction; rejecting and deferring need a reason; a
decided application is not decided again; nobody the fund does not name decides; and a grant
beyond what the fund has available is refused, nothing written."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import Membership
from helhet.accounts.roles import Role
from helhet.fund.models import (
    ApplicationDecision,
    ApplicationStatus,
    DecisionOutcome,
    EntryKind,
    LedgerEntry,
)
from helhet.fund.selectors.balance import application_balance, fund_balance
from helhet.fund.services.decisions import application_decide
from helhet.organization.models import Municipality
from tests.fund.decision_helpers import application, assessed, fund, person

pytestmark = pytest.mark.django_db


def _nothing_written(made_pk: int) -> None:
    assert not ApplicationDecision.objects.filter(application_id=made_pk).exists()
    assert not LedgerEntry.objects.filter(application_id=made_pk).exists()


def test_a_grant_in_full_commits_each_budget_year_in_the_ledger(stavanger: Municipality) -> None:
    made = assessed(application(stavanger, years={2027: "1000000", 2028: "500000"}))
    director = person("direktor")

    decision = application_decide(
        actor=director,
        application=made,
        outcome=DecisionOutcome.GRANTED,
        case_reference="26/1234",
        conditions="Gevinstrealiseringsplan før endelig tilsagn.",
    )

    made.refresh_from_db()
    assert made.status == ApplicationStatus.GRANTED
    assert (decision.decided_by, decision.case_reference) == (director, "26/1234")
    assert decision.conditions == "Gevinstrealiseringsplan før endelig tilsagn."
    assert [(y.year, y.amount_granted) for y in made.years.all()] == [
        (2027, Decimal("1000000.00")),
        (2028, Decimal("500000.00")),
    ]
    entries = LedgerEntry.objects.filter(application=made).order_by("budget_year")
    assert [(e.kind, e.budget_year, e.amount, e.reference) for e in entries] == [
        (EntryKind.COMMITMENT, 2027, Decimal("1000000.00"), "26/1234"),
        (EntryKind.COMMITMENT, 2028, Decimal("500000.00"), "26/1234"),
    ]
    assert fund_balance(made.fund).available == Decimal("8500000.00")
    assert application_balance(made).committed == Decimal("1500000.00")


def test_a_grant_in_part_commits_only_what_was_granted(stavanger: Municipality) -> None:
    made = assessed(application(stavanger, years={2027: "1000000", 2028: "500000"}))
    application_decide(
        actor=person("direktor"),
        application=made,
        outcome=DecisionOutcome.PARTLY_GRANTED,
        case_reference="26/1235",
        granted={2027: Decimal("750000"), 2028: Decimal(0)},
    )
    made.refresh_from_db()
    assert made.status == ApplicationStatus.PARTLY_GRANTED
    assert [y.amount_granted for y in made.years.all()] == [Decimal("750000.00"), Decimal(0)]
    entries = LedgerEntry.objects.filter(application=made)
    assert [(e.budget_year, e.amount) for e in entries] == [(2027, Decimal("750000.00"))]


@pytest.mark.parametrize(
    ("granted", "message"),
    [
        ({2027: Decimal("1000001")}, "mer enn"),
        ({2027: Decimal(-1)}, "0 kroner eller mer"),
        ({2027: Decimal(0), 2028: Decimal(0)}, "minst ett budsjettår"),
        ({2027: Decimal("1000000"), 2028: Decimal("500000")}, "hele beløpet"),
        ({2031: Decimal(10)}, "budsjettårene søknaden gjelder"),
    ],
)
def test_a_grant_in_part_is_refused_beyond_what_was_applied_for(
    stavanger: Municipality, granted: dict[int, Decimal], message: str
) -> None:
    made = assessed(application(stavanger, years={2027: "1000000", 2028: "500000"}))
    with pytest.raises(ValidationError, match=message):
        application_decide(
            actor=person("direktor"),
            application=made,
            outcome=DecisionOutcome.PARTLY_GRANTED,
            case_reference="26/1",
            granted=granted,
        )
    _nothing_written(made.pk)


def test_rejecting_needs_a_reason_and_a_case_reference_and_commits_nothing(
    stavanger: Municipality,
) -> None:
    made = application(stavanger)
    director = person("direktor")
    with pytest.raises(ValidationError, match="Si hvorfor"):
        application_decide(
            actor=director, application=made, outcome=DecisionOutcome.REJECTED, case_reference="1"
        )
    with pytest.raises(ValidationError, match="saksnummer"):
        application_decide(
            actor=director, application=made, outcome=DecisionOutcome.REJECTED, reason="Nei."
        )
    _nothing_written(made.pk)

    application_decide(
        actor=director,
        application=made,
        outcome=DecisionOutcome.REJECTED,
        reason="Nytten er ikke godt nok dokumentert.",
        case_reference="26/7",
    )
    made.refresh_from_db()
    assert made.status == ApplicationStatus.REJECTED
    assert not LedgerEntry.objects.filter(application=made).exists()


def test_a_deferred_application_is_decided_again_but_a_decided_one_is_not(
    stavanger: Municipality,
) -> None:
    made = assessed(application(stavanger))
    director = person("direktor")
    application_decide(
        actor=director,
        application=made,
        outcome=DecisionOutcome.DEFERRED,
        reason="Venter på statsbudsjettet.",
    )
    made.refresh_from_db()
    assert made.status == ApplicationStatus.DEFERRED

    application_decide(
        actor=director, application=made, outcome=DecisionOutcome.GRANTED, case_reference="26/9"
    )
    with pytest.raises(ValidationError, match="allerede avgjort"):
        application_decide(
            actor=director,
            application=made,
            outcome=DecisionOutcome.REJECTED,
            reason="Likevel ikke.",
            case_reference="26/10",
        )
    assert made.decisions.count() == 2
    assert LedgerEntry.objects.filter(application=made).count() == 2


def test_a_grant_beyond_the_available_balance_is_refused_and_nothing_written(
    stavanger: Municipality,
) -> None:
    fund(stavanger, capital=Decimal("1200000"))
    made = assessed(application(stavanger, years={2027: "1000000", 2028: "500000"}))
    with pytest.raises(ValidationError) as refused:
        application_decide(
            actor=person("direktor"),
            application=made,
            outcome=DecisionOutcome.GRANTED,
            case_reference="26/11",
        )
    assert "1\xa0200\xa0000 kr disponibelt" in refused.value.messages[0]
    _nothing_written(made.pk)
    made.refresh_from_db()
    assert made.status == ApplicationStatus.SUBMITTED
    assert all(year.amount_granted is None for year in made.years.all())


def test_a_grant_waits_for_the_assessment(stavanger: Municipality) -> None:
    made = application(stavanger)
    with pytest.raises(ValidationError, match="formelle kravene"):
        application_decide(
            actor=person("direktor"),
            application=made,
            outcome=DecisionOutcome.GRANTED,
            case_reference="26/12",
        )
    _nothing_written(made.pk)


def test_only_the_decider_the_fund_names_decides(stavanger: Municipality) -> None:
    other_leader = person("leser")
    Membership.objects.filter(user=other_leader).update(role=Role.LEADER)
    fund(stavanger, decider=other_leader)
    made = assessed(application(stavanger))

    for who, message in [
        ("direktor", "Fondet har utpekt en annen"),
        ("portefolje", "Rollen din avgjør ikke søknader"),
        ("eier", "Rollen din avgjør ikke søknader"),
    ]:
        with pytest.raises(ValidationError, match=message):
            application_decide(
                actor=person(who),
                application=made,
                outcome=DecisionOutcome.GRANTED,
                case_reference="26/13",
            )
    _nothing_written(made.pk)
    application_decide(
        actor=other_leader,
        application=made,
        outcome=DecisionOutcome.GRANTED,
        case_reference="26/13",
    )


def test_a_named_decider_whose_role_no_longer_decides_is_told_to_ask_for_another(
    stavanger: Municipality,
) -> None:
    named = person("leser")
    fund(stavanger, decider=named)
    made = application(stavanger)
    with pytest.raises(ValidationError, match="utpeke en annen"):
        application_decide(
            actor=named, application=made, outcome=DecisionOutcome.DEFERRED, reason="Venter."
        )


def test_the_applicant_the_owner_the_leader_and_the_assessor_never_decide(
    stavanger: Municipality,
) -> None:
    # Each of them made a leader for the test, so only the duty stands in the way.
    made = application(stavanger)
    for username in ("eier", "prosjektleder", "portefolje"):
        Membership.objects.filter(user__username=username).update(role=Role.LEADER)
    made.assessed_by = person("portefolje")
    made.save()
    for username, message in [
        ("prosjektleder", "skrev eller sendte inn"),
        ("eier", "eier eller leder tiltaket"),
        ("portefolje", "vurderte denne søknaden"),
    ]:
        with pytest.raises(ValidationError, match=message):
            application_decide(
                actor=person(username),
                application=made,
                outcome=DecisionOutcome.DEFERRED,
                reason="Venter.",
            )
    _nothing_written(made.pk)
