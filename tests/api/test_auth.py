"""Bearer tokens: no token, a wrong one, a revoked one or one whose membership is gone gives 401
JSON; the token is only as good as the membership behind it."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from helhet.accounts.models import ApiToken, User
from helhet.accounts.services import api_token_create, api_token_revoke, membership_delete
from helhet.organization.models import Municipality
from tests.conftest import database_state, membership_of

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
    token, key = api_token_create(membership=membership_of("admin"), name="Tester")
    api_token_revoke(token=token)

    _assert_401_json(Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}))


def test_a_token_stops_working_when_its_membership_is_removed(
    demo: dict[str, Municipality],
) -> None:
    _token, key = api_token_create(membership=membership_of("leser"), name="Tester")
    headers = {"Authorization": f"Bearer {key}"}
    assert Client().get("/api/v1/me", headers=headers).status_code == 200

    membership_delete(actor=None, membership=membership_of("leser"))

    _assert_401_json(Client().get("/api/v1/me", headers=headers))


def test_a_token_of_a_deactivated_person_gets_401(demo: dict[str, Municipality]) -> None:
    _token, key = api_token_create(membership=membership_of("leser"), name="Tester")
    User.objects.filter(username="leser").update(is_active=False)

    _assert_401_json(Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}))


def test_using_a_token_records_when_it_was_last_used(
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    Client().get("/api/v1/me", headers=api_headers("admin"))
    assert ApiToken.objects.get().last_used_at is not None


def test_an_expired_token_gets_401(demo: dict[str, Municipality]) -> None:
    token, key = api_token_create(membership=membership_of("admin"), name="Gammel")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    _assert_401_json(Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}))


def test_a_token_works_through_its_last_day(demo: dict[str, Municipality]) -> None:
    token, key = api_token_create(membership=membership_of("admin"), name="Siste dag")
    ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate())

    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 200


def _read_only_headers(username: str) -> dict[str, str]:
    _token, key = api_token_create(
        membership=membership_of(username), name="Lesing", scope=ApiToken.Scope.READ
    )
    return {"Authorization": f"Bearer {key}"}


def test_a_read_only_token_reads(demo: dict[str, Municipality]) -> None:
    response = Client().get("/api/v1/initiatives", headers=_read_only_headers("portefolje"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/initiatives"),
        ("patch", "/api/v1/initiatives/1"),
        ("post", "/api/v1/services"),
        ("post", "/api/v1/initiatives/1/status-reports"),
    ],
)
def test_a_read_only_token_gets_403_json_on_any_write(
    method: str, path: str, demo: dict[str, Municipality]
) -> None:
    headers = _read_only_headers("admin")
    before = database_state()

    response = getattr(Client(), method)(
        path, {"name": "Nytt"}, content_type="application/json", headers=headers
    )

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}
    assert "lesetilgang" in response.json()["detail"]
    assert database_state() == before


def test_a_read_write_token_writes(api_headers: Callable[[str], dict[str, str]]) -> None:
    response = Client().post(
        "/api/v1/initiatives",
        {"name": "Nytt tiltak", "kind": "project"},
        content_type="application/json",
        headers=api_headers("portefolje"),
    )

    assert response.status_code in (201, 422)  # past authentication and the scope check


def test_the_openapi_description_explains_scopes_and_expiry(db: None) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    description = document["info"]["description"]

    assert "read-only" in description
    assert "expires" in description
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in {"post", "patch", "put", "delete"}:
                assert "403" in operation["responses"], (method, path)
