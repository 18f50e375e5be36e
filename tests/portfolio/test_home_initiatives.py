"""The start page lists the initiatives a person owns, leads or is contact for."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.test import Client

from tests.portfolio.conftest import MakeInitiative


def test_a_project_leader_sees_their_own_initiatives_on_the_start_page(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    leader = get_user_model().objects.get(username="prosjektleder")
    make_initiative("Spider", project_leader=leader)
    make_initiative("Datasjø")

    page = login("prosjektleder").get("/").content.decode()

    assert "Spider" in page
    assert "Datasjø" not in page


def test_someone_without_initiatives_sees_no_list(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Datasjø")

    page = login("leser").get("/").content.decode()

    assert "Datasjø" not in page
    assert 'id="mine-heading"' not in page
