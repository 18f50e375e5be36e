"""Deleting an initiative registered by mistake: a confirmation page, then gone; history kept."""

from collections.abc import Callable

from django.test import Client

from helhet.portfolio.models import Initiative
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.initiative_fixtures import portfolio_state


def test_the_confirmation_page_changes_nothing(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    typo = make_initiative("Dronprosjekt")
    before = portfolio_state()
    response = login("portefolje").get(f"/portefolje/tiltak/{typo.pk}/slett/")
    assert response.status_code == 200
    assert "Dronprosjekt" in response.content.decode()
    assert portfolio_state() == before


def test_deleting_removes_the_initiative_and_keeps_its_history(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    typo = make_initiative("Dronprosjekt")
    response = login("portefolje").post(f"/portefolje/tiltak/{typo.pk}/slett/")

    assert response.status_code == 302
    assert response["Location"] == "/portefolje/"
    assert not Initiative.objects.filter(pk=typo.pk).exists()
    kinds = list(Initiative.history.filter(id=typo.pk).values_list("history_type", flat=True))
    assert sorted(kinds) == ["+", "-"]
    deleted = Initiative.history.get(id=typo.pk, history_type="-")
    assert deleted.history_user.username == "portefolje"


def test_a_project_leader_cannot_delete_someone_elses_initiative(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    other = make_initiative("Datasjø")
    before = portfolio_state()
    response = login("prosjektleder").post(f"/portefolje/tiltak/{other.pk}/slett/")
    assert response.status_code == 403
    assert portfolio_state() == before
