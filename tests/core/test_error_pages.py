"""Error pages: Helhet's own, with the right status code, and never a 500 for bad input."""

from collections.abc import Callable

import pytest
from django.test import Client, RequestFactory

from helhet.accounts.models import User
from helhet.core.views import server_error
from helhet.organization.models import Municipality
from tests.conftest import database_state, membership_of, unit_named


def _templates(response: object) -> list[str]:
    return [template.name for template in getattr(response, "templates", [])]


def test_an_unknown_page_renders_the_404_page(login: Callable[[str], Client]) -> None:
    response = login("admin").get("/finnes-ikke/")
    assert response.status_code == 404
    assert "404.html" in _templates(response)


def test_an_unknown_page_renders_the_404_page_for_anonymous_visitors(db: None) -> None:
    response = Client().get("/finnes-ikke/")
    assert response.status_code == 404
    assert "404.html" in _templates(response)


def test_a_forbidden_page_renders_the_403_page(login: Callable[[str], Client]) -> None:
    response = login("leser").get("/personer/")
    assert response.status_code == 403
    assert "403.html" in _templates(response)


def test_a_request_for_another_host_renders_the_400_page(db: None) -> None:
    response = Client(HTTP_HOST="helhet.angriper.example").get("/logg-inn/")
    assert response.status_code == 400
    assert "400.html" in _templates(response)


def test_the_500_page_renders_without_any_context() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Helhet" in response.content.decode()


def test_a_form_posted_without_its_csrf_token_is_refused_and_changes_nothing(
    stavanger: Municipality, demo: dict[str, Municipality]
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="admin"))
    unit = unit_named(stavanger, "Systemforvaltning")
    before = database_state()

    response = client.post(f"/organisasjon/enheter/{unit.pk}/slett/")

    assert response.status_code == 403
    assert "403_csrf.html" in _templates(response)
    assert database_state() == before


def test_a_form_posted_with_its_csrf_token_goes_through(
    stavanger: Municipality, demo: dict[str, Municipality]
) -> None:
    """The other half: the page's own token is accepted, so the 403 above is about the token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="admin"))
    unit = unit_named(stavanger, "Systemforvaltning")
    page = client.get(f"/organisasjon/enheter/{unit.pk}/slett/")
    token = page.context["csrf_token"]

    response = client.post(
        f"/organisasjon/enheter/{unit.pk}/slett/", {"csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302


def test_a_login_posted_without_its_csrf_token_is_refused(demo: dict[str, Municipality]) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/logg-inn/", {"username": "admin", "password": "demo"})

    assert response.status_code == 403
    assert "403_csrf.html" in _templates(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/organisasjon/enheter/ny/?parent=²", None),
        ("get", "/organisasjon/enheter/ny/?parent=99999999999999999999999", None),
        ("get", "/organisasjon/enheter/99999999999999999999999/", None),
        ("get", "/personer/99999999999999999999999/historikk/", None),
        ("post", "/bytt-kommune/", {"municipality": "²"}),
        ("post", "/bytt-kommune/", {"municipality": "99999999999999999999999"}),
        ("post", "/bytt-kommune/", {"municipality": "-1"}),
        ("post", "/bytt-kommune/", {}),
        ("get", "/bytt-kommune/", None),
        ("put", "/organisasjon/enheter/ny/", None),
        ("post", "/organisasjon/", {"name": "x"}),
        ("post", "/organisasjon/enheter/ny/", {"name": "\x00", "kind": "section"}),
        ("post", "/organisasjon/enheter/ny/", {"name": "Ny", "parent": "99999999999999999999999"}),
        ("post", "/personer/ny/", {"username": "ny", "unit": "99999999999999999999999"}),
        ("post", "/personer/ny/", {"username": "\x00", "password": "x", "role": "reader"}),
        ("post", "/logg-inn/", {"username": "\x00", "password": "x"}),
        ("post", "/i18n/setlang/", {"language": "klingon"}),
    ],
)
def test_bad_input_never_gives_a_server_error(
    method: str, path: str, data: dict[str, str] | None, login: Callable[[str], Client]
) -> None:
    client = login("admin")
    response = (
        getattr(client, method)(path, data) if data is not None else getattr(client, method)(path)
    )
    assert response.status_code < 500


def test_another_municipalitys_person_looks_exactly_like_a_missing_one(
    login: Callable[[str], Client],
) -> None:
    """The 404 says nothing about whether the id exists in another municipality."""
    client = login("bergen-admin")
    existing = client.get(f"/personer/{membership_of('admin').pk}/endre/")
    missing = client.get("/personer/999999/endre/")
    assert existing.status_code == missing.status_code == 404
    assert _templates(existing) == _templates(missing)
    assert "Siri Haugen" not in existing.content.decode()
