"""The page that takes a person out of the municipality."""

from collections.abc import Callable

from django.test import Client

from helhet.accounts.models import Membership, User
from tests.conftest import database_state, membership_of


def test_a_person_is_removed_and_keeps_the_login(login: Callable[[str], Client]) -> None:
    leser = membership_of("leser")

    response = login("admin").post(f"/personer/{leser.pk}/fjern/")

    assert (response.status_code, response["Location"]) == (302, "/personer/")
    assert not Membership.objects.filter(pk=leser.pk).exists()
    assert User.objects.filter(username="leser").exists()


def test_a_removed_person_sees_the_no_access_page(login: Callable[[str], Client]) -> None:
    leser = login("leser")
    login("admin").post(f"/personer/{membership_of('leser').pk}/fjern/")

    response = leser.get("/")

    assert response.status_code == 403
    assert "core/no_membership.html" in [t.name for t in response.templates]


def test_the_last_administrator_is_kept_and_the_page_says_why(
    login: Callable[[str], Client],
) -> None:
    client = login("admin")
    before = database_state()

    response = client.post(f"/personer/{membership_of('admin').pk}/fjern/")

    assert response.status_code == 400
    assert response.context["error"]
    assert database_state() == before


def test_an_unknown_person_is_not_found(login: Callable[[str], Client]) -> None:
    assert login("admin").post("/personer/999999/fjern/").status_code == 404
