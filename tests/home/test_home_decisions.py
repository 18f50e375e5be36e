"""The start page tells a project owner which decisions wait for them."""

from collections.abc import Callable

from django.test import Client

from helhet.accounts.models import User
from helhet.methodology.models import DecisionRequest
from helhet.organization.models import Municipality
from helhet.projects.services.gates import decision_make, decision_request_create
from tests.documents.helpers import fill_required_documents
from tests.projects.matrix_projects import project


def test_the_project_owner_sees_the_waiting_decision_on_the_start_page(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)

    page = login("eier").get("/").content.decode()

    assert 'id="decisions-heading"' in page
    assert f"/prosjekter/{initiative.pk}/beslutt/" in page
    assert "BP1" in page


def test_others_see_no_waiting_decisions(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    project(stavanger, "Trygghetsalarm", pending=True)

    page = login("prosjektleder").get("/").content.decode()

    assert 'id="decisions-heading"' not in page


def test_the_project_leader_sees_a_sent_back_decision_with_its_reason(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision_make(
        actor=User.objects.get(username="eier"),
        request=DecisionRequest.objects.get(initiative=initiative, status="pending"),
        outcome="sent_back",
        comment="Gevinstanslaget mangler.",
    )

    page = login("prosjektleder").get("/").content.decode()

    assert 'id="sent-back-heading"' in page
    section = page.split('id="sent-back-heading"')[1].split("</section>")[0]
    assert "Trygghetsalarm" in section
    assert "Gevinstanslaget mangler." in section
    assert f"/prosjekter/{initiative.pk}/" in section


def test_a_sent_back_decision_leaves_the_start_page_once_asked_again(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision_make(
        actor=User.objects.get(username="eier"),
        request=DecisionRequest.objects.get(initiative=initiative, status="pending"),
        outcome="sent_back",
        comment="Gevinstanslaget mangler.",
    )
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)

    page = login("prosjektleder").get("/").content.decode()

    assert 'id="sent-back-heading"' not in page
    # Others, such as the reader, are not told.
    assert 'id="sent-back-heading"' not in login("leser").get("/").content.decode()
