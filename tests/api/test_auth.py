"""Bearer tokens: no token, a wrong one, a revoked one or one whose membership is gone gives 401
JSON; the token is only as good as the membership behind it."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.accounts.models import ApiToken, User
from helhet.accounts.services import api_token_create, api_token_revoke, membership_delete
from helhet.organization.models import Municipality
from tests.conftest import membership_of

ENDPOINTS = ["/api/v1/me", "/api/v1/organization", "/api/v1/organization/units/1"]


def _assert_401_json(response: object) -> None:
    assert getattr(response, "status_code", None) == 401
    assert response["Content-Type"].startswith("application/json")  # type: ignore[index]
    assert set(response.json()) == {"detail"}  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_request_without_a_token_gets_401_json(path: str, db: None) -> None:
    _assert_401_json(Client().get(path))


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer hh_finnesikke",
        "Bearer ",
        "Basic YWRtaW46ZGVtbw==",  # admin:demo as basic auth: passwords do not open the API
        "hh_utenbearer",
    ],
)
def test_a_request_with_a_bad_token_gets_401_json(
    authorization: str, demo: dict[str, Municipality]
) -> None:
    _assert_401_json(Client().get("/api/v1/me", headers={"Authorization": authorization}))


def test_a_logged_in_browser_session_does_not_open_the_api(
    login: Callable[[str], Client],
) -> None:
    _assert_401_json(login("admin").get("/api/v1/me"))


def test_a_revoked_token_gets_401(demo: dict[str, Municipality]) -> None:
    token, key = api_token_create(membership=membership_of("admin"))
    api_token_revoke(token=token)

    _assert_401_json(Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}))


def test_a_token_stops_working_when_its_membership_is_removed(
    demo: dict[str, Municipality],
) -> None:
    _token, key = api_token_create(membership=membership_of("leser"))
    headers = {"Authorization": f"Bearer {key}"}
    assert Client().get("/api/v1/me", headers=headers).status_code == 200

    membership_delete(actor=None, membership=membership_of("leser"))

    _assert_401_json(Client().get("/api/v1/me", headers=headers))


def test_a_token_of_a_deactivated_person_gets_401(demo: dict[str, Municipality]) -> None:
    _token, key = api_token_create(membership=membership_of("leser"))
    User.objects.filter(username="leser").update(is_active=False)

    _assert_401_json(Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}))


def test_using_a_token_records_when_it_was_last_used(
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    Client().get("/api/v1/me", headers=api_headers("admin"))
    assert ApiToken.objects.get().last_used_at is not None
