"""The portfolio office's assessment of an application: the formal requirements (its judgement
beside the system's checks of the rules), then the criteria scored 1–5 and weighted."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import Membership
from helhet.accounts.roles import Role
from helhet.fund.models import ApplicationStatus, CriterionScore
from helhet.fund.selectors.assessment import application_assessment, weighted_score
from helhet.fund.services.assessment import application_formal_check, application_score
from helhet.organization.models import Municipality
from tests.fund.decision_helpers import application, assessed, person

pytestmark = pytest.mark.django_db


def test_the_weighted_score_is_the_weighted_mean_of_the_scores() -> None:
    # (3·5 + 2·4 + 1·3) / (3 + 2 + 1) = 26 / 6 = 4.333… → 4.33
    assert weighted_score([(3, 5), (2, 4), (1, 3)]) == Decimal("4.33")
    assert weighted_score([(1, 2), (1, 3)]) == Decimal("2.50")
    assert weighted_score([]) is None


def test_the_office_checks_then_scores_and_the_weighted_score_appears_once_all_are_scored(
    stavanger: Municipality,
) -> None:
    made = application(stavanger)
    office = person("portefolje")
    with pytest.raises(ValidationError, match="formelle kravene først"):
        application_score(actor=office, application=made, scores={})

    application_formal_check(actor=office, application=made, passed=True, note="Alt er med.")
    criteria = list(made.rules.criteria.order_by("position"))  # type: ignore[union-attr]
    application_score(actor=office, application=made, scores={criteria[0].pk: (5, "God nytte")})
    first = application_assessment(made)
    assert [item.score.score if item.score else None for item in first.criteria] == [5, None, None]
    assert first.weighted is None and not first.scored

    application_score(
        actor=office, application=made, scores={criteria[1].pk: (4, ""), criteria[2].pk: (3, "")}
    )
    made.refresh_from_db()
    done = application_assessment(made)
    assert done.weighted == Decimal("4.33") and done.scored
    assert made.formal_check_passed is True and made.assessed_by == office
    assert done.checks_met, [check for check in done.checks if not check.met]
    # Scoring again changes the score, never adds a second one.
    application_score(actor=office, application=made, scores={criteria[0].pk: (2, "")})
    assert CriterionScore.objects.filter(application=made).count() == 3
    assert application_assessment(made).weighted == Decimal("2.83")  # (3·2 + 2·4 + 1·3) / 6


def test_the_system_checks_the_rules_the_application_was_submitted_under(
    stavanger: Municipality,
) -> None:
    # NOK 6 million applied (the rules allow 5) of a cost of 8 million (75 %, the rules allow
    # 50 %), over four budget years (the rules allow three).
    made = application(
        stavanger,
        years={2027: "2000000", 2028: "2000000", 2029: "1000000", 2030: "1000000"},
        total_cost="8000000",
    )
    failed = {check.label for check in application_assessment(made).checks if not check.met}
    assert failed == {
        "Høyst 3 budsjettår",
        "Høyst 5\xa0000\xa0000 kr",
        "Høyst 50 % av prosjektkostnaden",
    }


def test_a_failed_formal_check_says_what_is_missing(stavanger: Municipality) -> None:
    made = application(stavanger)
    office = person("portefolje")
    with pytest.raises(ValidationError) as refused:
        application_formal_check(actor=office, application=made, passed=False, note=" ")
    assert "Si hvilket krav" in str(refused.value)
    made.refresh_from_db()
    assert made.formal_check_passed is None and made.assessed_by is None

    application_formal_check(
        actor=office, application=made, passed=False, note="Mangler gevinstplan."
    )
    made.refresh_from_db()
    assert made.formal_check_passed is False


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("direktor", "Rollen din vurderer ikke søknader"),
        ("leser", "Rollen din vurderer ikke søknader"),
        ("prosjektleder", "Rollen din vurderer ikke søknader"),
    ],
)
def test_only_the_portfolio_office_assesses(
    stavanger: Municipality, who: str, message: str
) -> None:
    made = application(stavanger)
    with pytest.raises(ValidationError, match=message):
        application_formal_check(actor=person(who), application=made, passed=True)


def test_nobody_assesses_an_application_for_an_initiative_they_own_or_lead_or_wrote(
    stavanger: Municipality,
) -> None:
    made = application(stavanger)
    office = person("portefolje")
    initiative = made.initiative
    initiative.project_leader = office
    initiative.save()
    with pytest.raises(ValidationError, match="eier eller leder tiltaket"):
        application_formal_check(actor=office, application=made, passed=True)

    own = application(stavanger, "Chatbot for byggesak")
    own.created_by = office
    own.save()
    with pytest.raises(ValidationError, match="skrev eller sendte inn denne søknaden"):
        application_formal_check(actor=office, application=own, passed=True)


def test_a_draft_or_a_decided_application_is_not_assessed(stavanger: Municipality) -> None:
    office = person("portefolje")
    draft = application(stavanger, status=ApplicationStatus.DRAFT)
    with pytest.raises(ValidationError, match="ikke sendt inn"):
        application_formal_check(actor=office, application=draft, passed=True)
    granted = application(stavanger, "Chatbot for byggesak", status=ApplicationStatus.GRANTED)
    with pytest.raises(ValidationError, match="allerede avgjort"):
        application_formal_check(actor=office, application=granted, passed=True)


def test_a_score_outside_one_to_five_or_of_another_rules_version_is_refused(
    stavanger: Municipality,
) -> None:
    made = assessed(application(stavanger))
    assert made.rules is not None
    criterion = made.rules.criteria.get(position=0)
    office = person("portefolje")
    for bad in (0, 6):
        with pytest.raises(ValidationError, match="fra 1 til 5"):
            application_score(actor=office, application=made, scores={criterion.pk: (bad, "")})
    with pytest.raises(ValidationError, match="regelversjonen"):
        application_score(actor=office, application=made, scores={criterion.pk + 999: (3, "")})
    assert CriterionScore.objects.get(criterion=criterion).score == 5


def test_a_second_portfolio_office_member_may_assess_what_the_first_applied_for(
    stavanger: Municipality,
) -> None:
    made = application(stavanger)
    made.created_by = made.submitted_by = person("portefolje")
    made.save()
    other = person("leser")
    Membership.objects.filter(user=other).update(role=Role.PORTFOLIO_OFFICE)
    application_formal_check(actor=other, application=made, passed=True)
    made.refresh_from_db()
    assert made.assessed_by == other
