"""Changing one's own password (Django's PasswordChangeView), with Django's password validators."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality

NEW_PASSWORD = "Vindmølle-Hundvåg-42"


def _change(client: Client, old: str, new: str, again: str | None = None) -> Any:
    return client.post(
        "/konto/passord/",
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_the_page_is_in_norwegian_with_the_three_fields(login: Callable[[str], Client]) -> None:
    response = login("leser").get("/konto/passord/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Endre passord" in page
    for name in ("old_password", "new_password1", "new_password2"):
        assert f'name="{name}"' in page


def test_a_person_changes_their_own_password_and_stays_logged_in(
    login: Callable[[str], Client],
) -> None:
    client = login("leser")

    response = _change(client, "demo", NEW_PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/")
    assert User.objects.get(username="leser").check_password(NEW_PASSWORD)
    assert client.get("/").status_code == 200
    assert Client().post("/logg-inn/", {"username": "leser", "password": "demo"}).status_code == 400


def test_the_old_password_must_be_right(login: Callable[[str], Client]) -> None:
    response = _change(login("leser"), "feil", NEW_PASSWORD)

    assert response.status_code == 400
    assert "Det nåværende passordet er feil" in response.content.decode()
    assert User.objects.get(username="leser").check_password("demo")


def test_a_weak_password_is_refused_with_the_validators_norwegian_message(
    login: Callable[[str], Client],
) -> None:
    response = _change(login("leser"), "demo", "12345678")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Dette passordet er for vanlig" in page
    assert "Dette passordet inneholder bare tall" in page
    assert User.objects.get(username="leser").check_password("demo")


def test_the_page_needs_a_login(demo: dict[str, Municipality]) -> None:
    response = Client().get("/konto/passord/")

    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_the_header_links_to_the_page(login: Callable[[str], Client]) -> None:
    assert 'href="/konto/passord/"' in login("leser").get("/").content.decode()
