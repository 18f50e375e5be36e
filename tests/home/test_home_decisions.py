"""The start page tells a project owner which decisions wait for them."""

from collections.abc import Callable

from django.test import Client

from helhet.organization.models import Municipality
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
