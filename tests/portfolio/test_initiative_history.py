"""An initiative's history: who changed what, with the names of units, goals and people."""

from collections.abc import Callable

from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.services import initiative_update
from tests.conftest import unit_named
from tests.portfolio.conftest import MakeInitiative


def test_the_history_names_who_changed_what_with_names_for_many_to_many(
    make_initiative: MakeInitiative, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative("AI4Cities", owning_unit="Smartby")
    initiative_update(
        actor=User.objects.get(username="portefolje"),
        initiative=initiative,
        expected_version=1,
        fields={"name": "AI4Cities – klimanøytral by"},
        m2m={"participating_units": [unit_named(stavanger, "Park og vei")]},
    )

    response = login("leser").get(f"/portefolje/tiltak/{initiative.pk}/historikk/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Lars Eide" in body
    assert "AI4Cities → AI4Cities – klimanøytral by" in body
    assert "Park og vei" in body


def test_a_project_leader_does_not_read_the_history(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative("AI4Cities", owning_unit="Smartby")
    response = login("prosjektleder").get(f"/portefolje/tiltak/{initiative.pk}/historikk/")
    assert response.status_code == 403
