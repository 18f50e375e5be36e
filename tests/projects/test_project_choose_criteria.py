"""Choosing Smartby in the form: the three criteria are asked for, refused when one is left
empty, and shown on the project page once said; the judged risk counts in the suggestion."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.methodology.models import ProjectMethod
from helhet.organization.models import Municipality
from tests.projects.matrix_projects import current, level, project

pytestmark = pytest.mark.django_db

Login = Callable[[str], Client]


def _form(stavanger: Municipality, **answers: str) -> dict[str, object]:
    smartby = current(stavanger, "Smartbyprosessen")
    data: dict[str, object] = {"version": smartby.pk, "level": level(smartby).pk, "risk": "2"}
    for criterion in smartby.criteria.all():
        data[f"criterion_{criterion.pk}"] = answers.get(criterion.name, "")
    return data


def test_the_criteria_are_asked_for_in_the_form(stavanger: Municipality, login: Login) -> None:
    initiative = project(stavanger, "Bydelsdata", method=None)
    body = login("prosjektleder").get(f"/prosjekter/{initiative.pk}/velg-metode/").content.decode()
    assert "Kriterier for Smartbyprosessen" in body
    for name in ("Teknologi", "Samarbeid", "Innbyggerinvolvering"):
        assert name in body


def test_a_criterion_left_empty_is_refused(stavanger: Municipality, login: Login) -> None:
    initiative = project(stavanger, "Bydelsdata", method=None)
    response = login("prosjektleder").post(
        f"/prosjekter/{initiative.pk}/velg-metode/",
        _form(stavanger, Teknologi="Sensorer i bydelen.", Samarbeid="Med UiS."),
    )
    assert response.status_code == 400
    assert "Mangler: Innbyggerinvolvering." in response.content.decode()
    assert not ProjectMethod.objects.filter(initiative=initiative).exists()


def test_the_criteria_said_show_on_the_project_page(stavanger: Municipality, login: Login) -> None:
    initiative = project(stavanger, "Bydelsdata", method=None)
    client = login("prosjektleder")
    answers = {
        "Teknologi": "Sensorer i bydelen.",
        "Samarbeid": "Med UiS og Lyse.",
        "Innbyggerinvolvering": "Workshops med beboerne.",
    }
    response = client.post(f"/prosjekter/{initiative.pk}/velg-metode/", _form(stavanger, **answers))
    assert response.status_code == 302
    body = client.get(f"/prosjekter/{initiative.pk}/").content.decode()
    for text in answers.values():
        assert text in body
    assert "Samlet risiko 2 av 5" in body
