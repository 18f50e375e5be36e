"""Who decides: the project owner as a rule, or whoever the decision point names: a role (a
leader, the portfolio office) or a named person. The decision waits in their list, and no one
else may make it."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.methodology.models import Decider, DecisionRequest
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.selectors.gates import decisions_waiting_for
from helhet.projects.services.gates import decision_make
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db

Login = Callable[[str], Client]


def _pending(initiative: Initiative) -> DecisionRequest:
    return DecisionRequest.objects.select_related("decision_point").get(
        initiative=initiative, status="pending"
    )


def _waiting_names(username: str, municipality: Municipality) -> list[str]:
    membership = Membership.objects.get(user__username=username, municipality=municipality)
    return [request.initiative.name for request in decisions_waiting_for(membership)]


def _named(initiative: Initiative, decider: str, person: str | None = None) -> DecisionRequest:
    request = _pending(initiative)
    point = request.decision_point
    point.decider = decider
    point.decider_person = User.objects.get(username=person) if person else None
    point.save()
    return request


def test_a_point_decided_by_a_named_person_waits_for_that_person(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    request = _named(initiative, Decider.PERSON, "portefolje")
    assert _waiting_names("portefolje", stavanger) == ["Trygghetsalarm"]
    assert _waiting_names("eier", stavanger) == []
    decision = decision_make(
        actor=User.objects.get(username="portefolje"), request=request, outcome="approved"
    )
    assert decision.decided_by is not None
    assert decision.decided_by.username == "portefolje"


def test_the_project_owner_cannot_make_a_decision_a_named_person_makes(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    request = _named(initiative, Decider.PERSON, "direktor")
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=User.objects.get(username="eier"), request=request, outcome="approved")
    person = User.objects.get(username="direktor")
    assert refused.value.messages == [
        _("You cannot make this decision. It is made by: %(decider)s.")
        % {"decider": person.get_full_name() or person.username}
    ]
    assert _pending(initiative).status == "pending"


def test_a_point_decided_by_a_leader_waits_for_every_leader(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    _named(initiative, Decider.LEADER)
    assert _waiting_names("direktor", stavanger) == ["Trygghetsalarm"]
    assert _waiting_names("eier", stavanger) == []
    assert _waiting_names("portefolje", stavanger) == []


def test_a_leader_of_another_municipality_does_not_decide(
    stavanger: Municipality, bergen: Municipality
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    request = _named(initiative, Decider.LEADER)
    outsider = User.objects.get(username="bergen-admin")
    Membership.objects.filter(user=outsider).update(role="leader")
    with pytest.raises(ValidationError):
        decision_make(actor=outsider, request=request, outcome="approved")
    assert _pending(initiative).status == "pending"


def test_the_named_decider_decides_in_the_browser_form(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    _named(initiative, Decider.PORTFOLIO_OFFICE)
    page = f"/prosjekter/{initiative.pk}/"
    assert login("eier").post(f"{page}beslutt/", {"outcome": "approved"}).status_code == 403
    client = login("portefolje")
    assert client.get(page).context["decision_form"] is not None
    assert client.post(f"{page}beslutt/", {"outcome": "approved"}).status_code == 302
    assert not DecisionRequest.objects.filter(initiative=initiative, status="pending").exists()
