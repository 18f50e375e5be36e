"""Numbers and dates outside what the API takes are refused with 422 in the API's error shape,
never a server error: ids and whole numbers beyond a 64-bit integer (which SQLite cannot bind),
and dates written as anything but YYYY-MM-DD (``date=0`` is not 1 January 1970)."""

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.test import Client

from helhet.api.urls import api
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative
from tests.conftest import unit_named

TOO_LARGE = 2**64
TOO_SMALL = -(2**64)


def _integer_parameters() -> Iterator[tuple[str, str, str]]:
    """(method, path, parameter) for every whole-number parameter in the path or the query of
    every operation the OpenAPI description lists."""
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                types = {schema.get("type")} | {s.get("type") for s in schema.get("anyOf", [])}
                if "integer" in types:
                    yield method, path, parameter["name"]


def _url(path: str, parameter: str, value: int) -> str:
    if "{" + parameter + "}" in path:
        return path.replace("{" + parameter + "}", str(value))
    filled = path
    for name in ("initiative_id", "unit_id", "request_id", "service_id", "indicator_id"):
        filled = filled.replace("{" + name + "}", "1")
    return f"{filled}?{parameter}={value}"


INTEGER_PARAMETERS = sorted(set(_integer_parameters()))


def test_the_description_has_integer_parameters_to_check() -> None:
    assert ("get", "/api/v1/benefits", "owner") in INTEGER_PARAMETERS
    assert ("get", "/api/v1/initiatives/{initiative_id}", "initiative_id") in INTEGER_PARAMETERS


@pytest.mark.parametrize("value", [TOO_LARGE, TOO_SMALL])
@pytest.mark.parametrize(("method", "path", "parameter"), INTEGER_PARAMETERS)
def test_an_integer_parameter_beyond_64_bits_is_refused_with_json(
    api_headers: Callable[[str], dict[str, str]], method: str, path: str, parameter: str, value: int
) -> None:
    client = Client()
    url = _url(path, parameter, value)
    body: dict[str, Any] = {"content_type": "application/json", "data": {}}
    send = getattr(client, method)
    response = (
        send(url, headers=api_headers("portefolje"))
        if method == "get"
        else send(url, headers=api_headers("portefolje"), **body)
    )

    assert response.status_code in {404, 422}, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    if response.status_code == 422 and parameter in response.json().get("errors", {}):
        assert response.json()["errors"][parameter]


@pytest.fixture
def initiative(stavanger: Municipality) -> Initiative:
    return Initiative.objects.create(
        municipality=stavanger,
        name="Digital postkasse",
        kind="project",
        owning_unit=unit_named(stavanger, "Innovasjon og støttetjenester"),
    )


def _post(client: Client, url: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, data, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    "change",
    [
        {"owning_unit": TOO_LARGE},
        {"owning_unit": TOO_SMALL},
        {"participating_units": [TOO_LARGE]},
        {"goals": [TOO_LARGE]},
        {"programme": TOO_LARGE},
        {"estimated_cost": "1e30"},
        {"estimated_cost": "NaN"},
    ],
)
def test_registering_an_initiative_with_a_number_out_of_range_is_refused(
    api_headers: Callable[[str], dict[str, str]], stavanger: Municipality, change: dict[str, Any]
) -> None:
    unit = unit_named(stavanger, "Innovasjon og støttetjenester")
    body = {"name": "Ny løsning", "kind": "project", "owning_unit": unit.pk, **change}

    response = _post(Client(), "/api/v1/initiatives", body, api_headers("portefolje"))

    assert response.status_code == 422, response.content[:300]
    assert set(response.json()["errors"]) == set(change)


@pytest.mark.parametrize(
    "change",
    [
        {"version": TOO_LARGE},
        {"owning_unit": TOO_LARGE},
        {"participating_units": [TOO_SMALL]},
        {"planned_start": 0},
        {"planned_start": "0"},
        {"planned_end": "1700000000"},
    ],
)
def test_changing_an_initiative_with_a_value_out_of_range_is_refused(
    api_headers: Callable[[str], dict[str, str]], initiative: Initiative, change: dict[str, Any]
) -> None:
    body = {"version": initiative.version, **change}

    response = Client().patch(
        f"/api/v1/initiatives/{initiative.pk}",
        body,
        content_type="application/json",
        headers=api_headers("portefolje"),
    )

    assert response.status_code == 422, response.content[:300]
    assert set(response.json()["errors"]) == set(change)


@pytest.mark.parametrize(
    "change",
    [
        {"area": TOO_LARGE},
        {"responsible_unit": TOO_LARGE},
        {"yearly_volume": TOO_LARGE},
    ],
)
def test_registering_a_service_with_a_number_out_of_range_is_refused(
    api_headers: Callable[[str], dict[str, str]], stavanger: Municipality, change: dict[str, Any]
) -> None:
    area = OrgUnit.objects.for_municipality(stavanger).filter(parent=None).first()
    assert area is not None
    body = {"name": "Byggesøknad", "area": area.pk, **change}

    response = _post(Client(), "/api/v1/services", body, api_headers("portefolje"))

    assert response.status_code == 422, response.content[:300]
    assert set(response.json()["errors"]) == set(change)


@pytest.mark.parametrize(
    "change",
    [{"responsible": TOO_LARGE}, {"owners": [TOO_LARGE]}, {"planned_amount": "Infinity"}],
)
def test_planning_a_benefit_with_a_number_out_of_range_is_refused(
    api_headers: Callable[[str], dict[str, str]], initiative: Initiative, change: dict[str, Any]
) -> None:
    body = {
        "title": "Spart tid",
        "dimension": "economy",
        "category": "efficiency",
        "kind": "indirect",
        "planned_amount": "100",
        **change,
    }

    response = _post(
        Client(),
        f"/api/v1/initiatives/{initiative.pk}/benefits",
        body,
        api_headers("portefolje"),
    )

    assert response.status_code == 422, response.content[:300]
    assert set(response.json()["errors"]) == set(change)


@pytest.mark.parametrize("written", ["0", "-1", "1700000000", "2026-1-5", "20260105", "2026-02-30"])
def test_maturity_summary_takes_only_a_date_written_yyyy_mm_dd(
    api_headers: Callable[[str], dict[str, str]], written: str
) -> None:
    response = Client().get(
        f"/api/v1/maturity/summary?date={written}", headers=api_headers("portefolje")
    )

    assert response.status_code == 422, response.content[:300]
    assert response.json()["errors"]["date"] == ["Skriv en dato som ÅÅÅÅ-MM-DD."]


@pytest.mark.parametrize("written", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_maturity_summary_takes_only_a_date_from_1900_to_2100(
    api_headers: Callable[[str], dict[str, str]], written: str
) -> None:
    response = Client().get(
        f"/api/v1/maturity/summary?date={written}", headers=api_headers("portefolje")
    )

    assert response.status_code == 422, response.content[:300]
    assert response.json()["errors"]["date"] == ["Skriv en dato fra 1900 til 2100."]


def test_maturity_summary_still_takes_a_date_written_yyyy_mm_dd(
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    response = Client().get(
        "/api/v1/maturity/summary?date=2024-06-30", headers=api_headers("portefolje")
    )

    assert response.status_code == 200
    assert response.json()["as_of"] == date(2024, 6, 30).isoformat()


def _integers_without_a_maximum(node: Any, where: str) -> Iterator[str]:
    """Where in a JSON schema an integer may be any size (no ``maximum``)."""
    if isinstance(node, dict):
        if node.get("type") == "integer" and "maximum" not in node:
            yield where
        for key, value in node.items():
            yield from _integers_without_a_maximum(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _integers_without_a_maximum(value, f"{where}[{index}]")


def test_every_integer_a_request_sends_has_a_maximum_in_the_description() -> None:
    """A new parameter or body field typed plain ``int`` (not schemas.Id or WholeNumber) would
    take a number beyond 64 bits to the database again."""
    description = api.get_openapi_schema()
    schemas = description["components"]["schemas"]
    unbounded: list[str] = []
    for path, operations in description["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                where = f"{method} {path} {parameter['name']}"
                unbounded += _integers_without_a_maximum(parameter["schema"], where)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                name = body["schema"]["$ref"].rsplit("/", 1)[-1]
                unbounded += _integers_without_a_maximum(schemas[name], f"{method} {path} body")
    assert unbounded == []
