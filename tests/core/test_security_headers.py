"""Headers every answer carries (core/middleware.py SecurityHeadersMiddleware): a
Permissions-Policy that turns off the browser features Helhet never uses, and
``Cache-Control: private, no-store`` on every export (CSV, XLSX, PDF) and every API answer, so
that no proxy or shared browser cache keeps a copy of a municipality's data."""

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from helhet.organization.models import Municipality
from tests.api.portfolio_helpers import make_initiative
from tests.fund.application_helpers import the_fund

EXPORT_ENDINGS = (".csv", ".xlsx", ".pdf")
NO_STORE = "private, no-store"


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def _export_routes() -> list[str]:
    return sorted(
        route for route in _routes(get_resolver().url_patterns) if route.endswith(EXPORT_ENDINGS)
    )


def test_the_walk_finds_every_kind_of_export() -> None:
    routes = _export_routes()
    assert "portefolje/import/mal.xlsx" in routes
    assert "gevinster/tiltak/<int:pk>/gevinstplan.pdf" in routes
    assert len(routes) >= 5


@pytest.mark.parametrize("route", _export_routes())
def test_every_export_is_private_and_not_stored(
    route: str, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    # A fund's exports name the fund; every other export names an initiative.
    if route.startswith("fond/"):
        pk = the_fund(stavanger).pk
    else:
        pk = make_initiative(stavanger, "Eksportert tiltak").pk
    path = "/" + route.replace("<int:pk>", str(pk))

    response = login("portefolje").get(path)

    assert response.status_code == 200, path
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.parametrize(
    "path",
    ["/api/v1/me", "/api/v1/initiatives", "/api/v1/benefits", "/api/v1/organization"],
)
def test_api_answers_are_private_and_not_stored(
    path: str, api_headers: Callable[[str], dict[str, str]]
) -> None:
    response = Client().get(path, headers=api_headers("portefolje"))

    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/finnes-ikke", "/api/v1/openapi.json"])
def test_api_errors_and_the_openapi_document_are_not_stored_either(path: str, db: None) -> None:
    assert Client().get(path)["Cache-Control"] == NO_STORE


@pytest.mark.parametrize("path", ["/logg-inn/", "/api/v1/me", "/finnes-ikke/", "/helse/"])
def test_every_answer_has_a_permissions_policy(path: str, db: None) -> None:
    policy = Client().get(path)["Permissions-Policy"]

    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


def test_a_logged_in_page_has_a_permissions_policy(login: Callable[[str], Client]) -> None:
    assert "camera=()" in login("portefolje").get("/portefolje/")["Permissions-Policy"]
