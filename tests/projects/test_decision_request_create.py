"""Asking for the decision that ends the current phase."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.methodology.models import DecisionRequest
from helhet.organization.models import Municipality
from helhet.projects.services.gates import decision_request_create
from tests.documents.helpers import fill_required_documents
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db


def test_a_request_asks_for_the_current_phases_decision_point(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    leader = User.objects.get(username="prosjektleder")
    fill_required_documents(initiative)
    request = decision_request_create(actor=leader, initiative=initiative, note=" Klar. ")
    assert request.decision_point.code == "BP1"
    assert request.status == "pending"
    assert request.requested_by == leader
    assert request.note == "Klar."


def test_a_second_request_while_one_waits_is_refused(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    with pytest.raises(ValidationError) as refused:
        decision_request_create(actor=None, initiative=initiative)
    assert refused.value.messages == [_("A decision request is already waiting for this project.")]
    assert DecisionRequest.objects.filter(initiative=initiative).count() == 1


def test_an_initiative_without_a_method_cannot_ask(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    with pytest.raises(ValidationError):
        decision_request_create(actor=None, initiative=initiative)
    assert not DecisionRequest.objects.exists()
