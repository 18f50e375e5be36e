"""GET /api/v1/me: who the token acts as, where, and with which role."""

from collections.abc import Callable

from django.test import Client

from helhet.accounts.roles import ROLE_MATRIX, Role
from helhet.organization.models import Municipality, UnitKind


def test_me_names_the_person_municipality_and_role(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    me = Client().get("/api/v1/me", headers=api_headers("admin")).json()

    assert (me["username"], me["name"], me["title"]) == (
        "admin",
        "Siri Haugen",
        "Systemadministrator",
    )
    assert me["municipality"] == {
        "id": stavanger.pk,
        "name": "Stavanger kommune",
        "slug": "stavanger",
        "org_number": "964965781",
    }
    assert me["role"] == Role.ADMIN
    assert (me["unit"]["name"], me["unit"]["kind"]) == ("IT-administrasjon", UnitKind.SECTION)


def test_me_lists_what_the_role_allows(api_headers: Callable[[str], dict[str, str]]) -> None:
    me = Client().get("/api/v1/me", headers=api_headers("leser")).json()

    expected = sorted(c.value for c, roles in ROLE_MATRIX.items() if Role.READER in roles)
    assert (me["role"], me["capabilities"], me["unit"]) == (Role.READER, expected, None)


def test_me_for_bergen_is_bergen(api_headers: Callable[[str], dict[str, str]]) -> None:
    me = Client().get("/api/v1/me", headers=api_headers("bergen-admin")).json()
    assert (me["name"], me["municipality"]["name"]) == ("Eli Fjell", "Bergen kommune")
