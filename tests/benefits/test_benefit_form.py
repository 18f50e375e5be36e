"""Adding and changing a benefit in the browser: valid input saves, bad input answers 400 and
changes nothing."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.benefits.models import Benefit
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, benefit_form, dispensers
from tests.conftest import database_state

pytestmark = pytest.mark.django_db


def _create(stavanger: Municipality) -> str:
    return f"/gevinster/tiltak/{dispensers(stavanger).pk}/ny/"


def test_the_project_leader_adds_a_benefit_with_an_owner(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    owner = User.objects.get(username="gevinsteier")

    response = login("prosjektleder").post(
        _create(stavanger), benefit_form(owners=str(owner.pk), responsible=str(owner.pk))
    )

    initiative = dispensers(stavanger)
    assert response.status_code == 302
    assert response["Location"] == f"/gevinster/tiltak/{initiative.pk}/"
    added = Benefit.objects.get(initiative=initiative)
    assert added.title == "Spart kjøring"
    assert str(added.planned_amount) == "2000.00"
    assert list(added.owners.all()) == [owner]
    assert added.history.latest().history_user.username == "prosjektleder"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("planned_amount", "mange"),
        ("planned_amount", "-5"),
        ("due_date", "i morgen"),
        ("title", ""),
        ("dimension", "luck"),
    ],
)
def test_bad_input_answers_400_and_changes_nothing(
    field: str, value: str, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    path = _create(stavanger)
    before = database_state()

    response = client.post(path, benefit_form(**{field: value}))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert database_state() == before


def test_an_owner_from_another_municipality_cannot_be_chosen(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    path = _create(stavanger)
    stranger = User.objects.get(username="bergen-admin")
    before = database_state()

    response = client.post(path, benefit_form(owners=str(stranger.pk)))

    assert response.status_code == 400
    assert database_state() == before


def test_abandoning_without_a_reason_answers_400(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    client = login("prosjektleder")
    before = database_state()

    response = client.post(
        f"/gevinster/{found.pk}/endre/", benefit_form(status="abandoned", abandon_reason="")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["abandon_reason"]
    assert database_state() == before


def test_a_qualitative_benefit_with_an_amount_answers_400(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    path = _create(stavanger)
    before = database_state()

    response = client.post(path, benefit_form(kind="qualitative", planned_amount="10"))

    assert response.status_code == 400
    assert response.context["form"].errors["planned_amount"]
    assert database_state() == before


def test_the_edit_form_shows_the_saved_amount_as_people_write_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    page = login("prosjektleder").get(f"/gevinster/{found.pk}/endre/").content.decode()

    assert 'value="1\u00a0613\u00a0764"' in page


def test_a_saved_edit_keeps_the_owners_chosen(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    eier = User.objects.get(username="eier")

    response = login("eier").post(
        f"/gevinster/{found.pk}/endre/",
        benefit_form(title="Færre besøk", owners=[str(eier.pk)]),  # type: ignore[arg-type]
    )

    assert response.status_code == 302
    found.refresh_from_db()
    assert found.title == "Færre besøk"
    assert list(found.owners.all()) == [eier]
