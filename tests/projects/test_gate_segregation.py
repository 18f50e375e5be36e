"""Segregation of duties at the gates (issue 12, item 1): the role caps who decides, whatever
they are assigned to; the one who asked for a decision and the project's own leader never decide
it, unless the method's level lets one person hold both roles (the light method's); the gate
into operation takes a benefits owner whose role owns benefits, not the project's leader."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.methodology.models import Decider, Decision, DecisionRequest, ProjectMethod
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.selectors.gates import decisions_waiting_for
from helhet.projects.services.gates import decision_make, decision_request_create
from tests.conftest import unit_named
from tests.documents.helpers import fill_required_documents
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db

LIGHT = "Lett metode for små forbedringer"


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _pending(initiative: Initiative) -> DecisionRequest:
    return DecisionRequest.objects.select_related("decision_point", "initiative").get(
        initiative=initiative, status="pending"
    )


def _ask(initiative: Initiative, by: str) -> DecisionRequest:
    fill_required_documents(initiative)
    decision_request_create(actor=_user(by), initiative=initiative)
    return _pending(initiative)


def _waiting(username: str, municipality: Municipality) -> list[str]:
    membership = Membership.objects.get(user__username=username, municipality=municipality)
    return [request.initiative.name for request in decisions_waiting_for(membership)]


def test_a_project_leader_who_made_themselves_owner_cannot_approve_their_own_gate(
    stavanger: Municipality,
) -> None:
    # As the issue found it: the leader had become the project owner too (rows from before the
    # rule, written past the services).
    initiative = project(stavanger, "Trygghetsalarm", owner="direktor", leader="eier")
    Initiative.objects.filter(pk=initiative.pk).update(project_owner=_user("eier"))
    request = _ask(initiative, by="portefolje")
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user("eier"), request=request, outcome="approved")
    assert refused.value.messages == [
        _("You lead this project, so you cannot decide at its gates.")
    ]
    assert not Decision.objects.exists()
    assert _waiting("eier", stavanger) == []


def test_the_one_who_asked_for_a_decision_never_makes_it(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    request = _ask(initiative, by="eier")
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user("eier"), request=request, outcome="approved")
    assert refused.value.messages == [
        _("You asked for this decision yourself, so someone else must make it.")
    ]
    assert _waiting("eier", stavanger) == []


def test_the_light_methods_level_lets_one_person_ask_and_decide(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Ny rutine", method=LIGHT)
    assert ProjectMethod.objects.get(initiative=initiative).level.allows_combined_roles
    request = _ask(initiative, by="eier")
    assert _waiting("eier", stavanger) == ["Ny rutine"]
    decision = decision_make(actor=_user("eier"), request=request, outcome="approved")
    assert decision.decided_by == _user("eier")


@pytest.mark.parametrize("username", ["leser", "admin", "gevinsteier", "prosjektleder"])
def test_a_role_that_decides_nothing_at_gates_cannot_decide_a_point_that_names_them(
    username: str, stavanger: Municipality
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    request = _pending(initiative)
    point = request.decision_point
    point.decider, point.decider_person = Decider.PERSON, _user(username)
    point.save()
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user(username), request=_pending(initiative), outcome="approved")
    assert refused.value.messages == [_("Your role does not make decisions at gates.")]
    assert _waiting(username, stavanger) == []


def test_a_reader_set_as_project_owner_decides_nothing(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    Initiative.objects.filter(pk=initiative.pk).update(project_owner=_user("leser"))
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user("leser"), request=_pending(initiative), outcome="approved")
    assert refused.value.messages == [_("Your role does not make decisions at gates.")]
    assert _waiting("leser", stavanger) == []


def _at_the_operation_gate(stavanger: Municipality, method: str) -> Initiative:
    """A project whose leader is a project owner by role (eier) and whose owner is direktor."""
    initiative = project(stavanger, "Ny rutine", owner="direktor", leader="eier", method=method)
    run = ProjectMethod.objects.get(initiative=initiative)
    run.current_phase = run.version.phases.get(is_operation_gate=True)
    run.save()
    _ask(initiative, by="eier")
    return initiative


def _operation_facts(stavanger: Municipality, benefits_owner: str) -> dict[str, object]:
    return {
        "operations_unit": unit_named(stavanger, "Systemforvaltning"),
        "operations_person": _user("eier"),
        "handover_date": date(2027, 3, 1),
        "benefits_owner": _user(benefits_owner),
    }


@pytest.mark.parametrize("username", ["leser", "prosjektleder", "admin"])
def test_the_gate_into_operation_refuses_a_benefits_owner_whose_role_owns_no_benefits(
    username: str, stavanger: Municipality
) -> None:
    initiative = _at_the_operation_gate(stavanger, "Prosjektveiviseren")
    with pytest.raises(ValidationError) as refused:
        decision_make(
            actor=_user("direktor"),
            request=_pending(initiative),
            outcome="approved",
            **_operation_facts(stavanger, username),  # type: ignore[arg-type]
        )
    assert list(refused.value.message_dict) == ["benefits_owner"]
    assert not Decision.objects.exists()


def test_the_gate_into_operation_refuses_the_project_leader_as_benefits_owner(
    stavanger: Municipality,
) -> None:
    initiative = _at_the_operation_gate(stavanger, "Prosjektveiviseren")
    with pytest.raises(ValidationError) as refused:
        decision_make(
            actor=_user("direktor"),
            request=_pending(initiative),
            outcome="approved",
            **_operation_facts(stavanger, "eier"),  # type: ignore[arg-type]
        )
    assert refused.value.message_dict == {
        "benefits_owner": [
            _(
                "The project leader cannot own the project's benefits: choose the benefits "
                "owner in the line."
            )
        ]
    }


def test_the_gate_into_operation_refuses_a_reader_as_operations_person(
    stavanger: Municipality,
) -> None:
    initiative = _at_the_operation_gate(stavanger, "Prosjektveiviseren")
    facts = {**_operation_facts(stavanger, "gevinsteier"), "operations_person": _user("leser")}
    with pytest.raises(ValidationError) as refused:
        decision_make(
            actor=_user("direktor"),
            request=_pending(initiative),
            outcome="approved",
            **facts,  # type: ignore[arg-type]
        )
    assert list(refused.value.message_dict) == ["operations_person"]


def test_the_gate_into_operation_passes_with_a_benefits_owner_in_the_line(
    stavanger: Municipality,
) -> None:
    initiative = _at_the_operation_gate(stavanger, "Prosjektveiviseren")
    decision = decision_make(
        actor=_user("direktor"),
        request=_pending(initiative),
        outcome="approved",
        **_operation_facts(stavanger, "gevinsteier"),  # type: ignore[arg-type]
    )
    assert decision.benefits_owner == _user("gevinsteier")
