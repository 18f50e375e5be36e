"""Every answer of the API is JSON in its error shape (``{"detail": ...}``), in development and in
production alike: a body over the upload limit (413), a body that is not JSON (400), a path that
does not exist (404), a method the path does not take (405) and a server error (500), never an
HTML page or a traceback."""

from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from helhet.accounts.models import Membership
from tests.conftest import database_state

Headers = Callable[[str], dict[str, str]]


@pytest.fixture(params=[True, False], ids=["development", "production"])
def debug(request: pytest.FixtureRequest, settings: Settings) -> bool:
    settings.DEBUG = request.param
    return bool(request.param)


def _json_error(response: object, status: int) -> dict[str, object]:
    assert response.status_code == status, response.content[:500]  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("application/json")  # type: ignore[index]
    body = response.json()  # type: ignore[attr-defined]
    assert isinstance(body["detail"], str) and body["detail"]
    return body


def test_a_json_body_over_the_upload_limit_is_refused_with_413_in_json(
    debug: bool, settings: Settings, api_headers: Headers
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = '{"name": "' + "x" * 20_000 + '", "kind": "idea", "owning_unit": 1}'

    response = Client(raise_request_exception=False).post(
        "/api/v1/initiatives",
        body,
        content_type="application/json",
        headers=api_headers("portefolje"),
    )

    assert _json_error(response, 413)["detail"] == (
        "Forespørselen er for stor. Send mindre enn 0,01 MB om gangen."
    )


def test_a_body_that_is_not_json_is_refused_with_400_in_norwegian(
    debug: bool, api_headers: Headers
) -> None:
    response = Client(raise_request_exception=False).post(
        "/api/v1/initiatives",
        "\x00{not json",
        content_type="application/json",
        headers=api_headers("portefolje"),
    )

    assert _json_error(response, 400)["detail"] == "Innholdet i forespørselen er ikke gyldig JSON."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Digitaliseringsfondet\x00", "purpose": "Tiltak"}, "name"),
        ({"name": "Fond", "purpose": "Tiltak", "criteria": [{"name": "\x00"}]}, "name"),
    ],
    ids=["a text", "a text in a list"],
)
def test_a_null_character_in_a_text_is_refused_with_422_naming_the_field(
    body: dict[str, object], field: str, api_headers: Headers
) -> None:
    """PostgreSQL cannot keep the null character (a 500 before), SQLite would: both refuse it."""
    before = database_state()

    response = Client(raise_request_exception=False).post(
        "/api/v1/funds", body, content_type="application/json", headers=api_headers("portefolje")
    )

    assert _json_error(response, 422)["errors"] == {field: ["Null-tegn er ikke tillatt."]}
    assert database_state() == before


def test_a_null_character_in_a_search_is_refused_with_422(api_headers: Headers) -> None:
    response = Client(raise_request_exception=False).get(
        "/api/v1/lessons?q=ny%00tt", headers=api_headers("portefolje")
    )

    assert _json_error(response, 422)["errors"] == {"q": ["Null-tegn er ikke tillatt."]}


def test_a_path_that_does_not_exist_is_404_in_json(debug: bool, api_headers: Headers) -> None:
    response = Client(raise_request_exception=False).get(
        "/api/v1/finnes-ikke", headers=api_headers("portefolje")
    )

    assert _json_error(response, 404)["detail"] == "Fant ikke objektet."
    assert response["X-Content-Type-Options"] == "nosniff"  # the other middleware's headers kept


def test_a_method_the_path_does_not_take_is_405_in_json(debug: bool, api_headers: Headers) -> None:
    response = Client(raise_request_exception=False).delete(
        "/api/v1/initiatives", headers=api_headers("portefolje")
    )

    _json_error(response, 405)
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}


def test_a_server_error_is_500_in_json_and_logged(
    debug: bool,
    api_headers: Headers,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(self: Membership, capability: object) -> bool:
        raise RuntimeError("a bug")

    headers = api_headers("portefolje")
    monkeypatch.setattr(Membership, "can", broken)

    response = Client(raise_request_exception=False).get("/api/v1/initiatives", headers=headers)

    body = _json_error(response, 500)
    assert "a bug" not in str(body)
    assert any(record.exc_info and "a bug" in str(record.exc_info[1]) for record in caplog.records)


def test_a_page_outside_the_api_stays_html(debug: bool, login: Callable[[str], Client]) -> None:
    response = login("portefolje").get("/finnes-ikke/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
