"""The administrator sets a new password for a person who has forgotten theirs (and has no
e-mail); the person must change it at their next login. Never for someone who also works in
another municipality: that administrator could otherwise take over a login they do not govern."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.organization.models import Municipality
from tests.conftest import membership_of

NEW_PASSWORD = "Midlertidig-Storhaug-58"


def _path(username: str) -> str:
    return f"/personer/{membership_of(username).pk}/passord/"


def _set(client: Client, username: str, password: str = NEW_PASSWORD) -> Any:
    return client.post(_path(username), {"new_password1": password, "new_password2": password})


def test_the_member_edit_page_links_to_it(login: Callable[[str], Client]) -> None:
    page = login("admin").get(f"/personer/{membership_of('leser').pk}/endre/").content.decode()
    assert f'href="{_path("leser")}"' in page


def test_the_administrator_sets_a_password_the_person_must_change(
    login: Callable[[str], Client],
) -> None:
    response = _set(login("admin"), "leser")

    assert (response.status_code, response["Location"]) == (302, "/personer/")
    leser = User.objects.get(username="leser")
    assert leser.check_password(NEW_PASSWORD)
    assert leser.must_change_password


def test_the_password_must_pass_the_validators(login: Callable[[str], Client]) -> None:
    response = _set(login("admin"), "leser", "12345678")

    assert response.status_code == 400
    assert User.objects.get(username="leser").check_password("demo")


def test_not_for_a_person_who_also_works_in_another_municipality(
    bergen: Municipality, login: Callable[[str], Client]
) -> None:
    Membership.objects.create(
        municipality=bergen, user=User.objects.get(username="leser"), role=Role.ADMIN
    )
    client = login("admin")
    stavanger = Membership.objects.get(user__username="leser", municipality__slug="stavanger")
    path = f"/personer/{stavanger.pk}/passord/"

    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 400
    assert "også i en annen kommune" in response.content.decode()
    assert User.objects.get(username="leser").check_password("demo")
