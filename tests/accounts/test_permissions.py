"""member_required: the gate in front of every member page."""

from urllib.parse import quote

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from tests.conftest import database_state, membership_of, unit_named

MEMBER_PAGES = [
    "/",
    "/organisasjon/",
    "/organisasjon/kommune/endre/",
    "/organisasjon/kommune/historikk/",
    "/organisasjon/enheter/ny/?parent=1",
    "/personer/",
    "/personer/ny/",
]


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in_and_back(path: str, db: None) -> None:
    response = Client().get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/logg-inn/?next={quote(path, safe='/')}"


def test_an_anonymous_visitor_is_sent_to_log_in_from_an_object_page(
    stavanger: Municipality,
) -> None:
    path = f"/organisasjon/enheter/{unit_named(stavanger, 'Smartby').pk}/"
    response = Client().get(path)
    assert response["Location"] == f"/logg-inn/?next={path}"


def test_an_anonymous_post_changes_nothing(stavanger: Municipality) -> None:
    before = database_state()

    response = Client().post(f"/personer/{membership_of('admin').pk}/fjern/")

    assert response.status_code == 302
    assert database_state() == before


@pytest.fixture
def outsider(demo: dict[str, Municipality]) -> Client:
    """Someone with a login but no membership in any municipality."""
    client = Client()
    client.force_login(User.objects.create_user(username="utenfor", password="Ikke-medlem-42"))
    return client


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_a_person_without_membership_gets_the_no_access_page(path: str, outsider: Client) -> None:
    response = outsider.get(path)

    assert response.status_code == 403
    assert "core/no_membership.html" in [t.name for t in response.templates]


def test_a_person_without_membership_cannot_see_a_unit(
    stavanger: Municipality, outsider: Client
) -> None:
    unit = unit_named(stavanger, "Smartby")
    response = outsider.get(f"/organisasjon/enheter/{unit.pk}/")
    assert response.status_code == 403
    assert "Smartby" not in response.content.decode()
