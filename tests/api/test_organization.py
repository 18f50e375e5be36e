"""GET /api/v1/organization and /api/v1/organization/units/<id>."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from helhet.organization.models import Municipality, UnitKind
from tests.conftest import add_members, add_units, count_queries, unit_named


def _child(nodes: list[dict[str, Any]], name: str) -> dict[str, Any]:
    matches = [node for node in nodes if node["name"] == name]
    assert len(matches) == 1, f"{name} not found once among {[n['name'] for n in nodes]}"
    return matches[0]


def test_the_tree_nests_sections_in_departments_in_service_areas(
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    body = Client().get("/api/v1/organization", headers=api_headers("leser")).json()

    area = _child(body["units"], "Innovasjon og støttetjenester")
    it = _child(area["children"], "IT-avdelingen")
    assert (area["kind"], it["kind"]) == (UnitKind.SERVICE_AREA, UnitKind.DEPARTMENT)
    assert [section["name"] for section in it["children"]] == [
        "Arkitektur og utvikling",
        "Drift og forvaltning",
        "IT-administrasjon",
        "Systemforvaltning",
    ]
    assert {section["kind"] for section in it["children"]} == {UnitKind.SECTION}


def test_the_tree_names_the_municipality_and_counts_members(
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    body = Client().get("/api/v1/organization", headers=api_headers("leser")).json()

    assert body["municipality"]["slug"] == "stavanger"
    it = _child(_child(body["units"], "Innovasjon og støttetjenester")["children"], "IT-avdelingen")
    assert _child(it["children"], "IT-administrasjon")["member_count"] == 1  # Siri Haugen


def test_the_tree_has_only_service_areas_at_the_top(
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    body = Client().get("/api/v1/organization", headers=api_headers("leser")).json()
    assert {unit["kind"] for unit in body["units"]} == {UnitKind.SERVICE_AREA}
    assert len(body["units"]) == 6


def test_a_unit_names_its_parent_and_children(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    it = unit_named(stavanger, "IT-avdelingen")

    body = Client().get(f"/api/v1/organization/units/{it.pk}", headers=api_headers("leser")).json()

    assert (body["id"], body["name"], body["kind"]) == (it.pk, "IT-avdelingen", "department")
    assert body["parent"]["name"] == "Innovasjon og støttetjenester"
    assert len(body["children"]) == 4


def test_another_municipalitys_unit_is_not_found(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    it = unit_named(stavanger, "IT-avdelingen")

    response = Client().get(
        f"/api/v1/organization/units/{it.pk}", headers=api_headers("bergen-admin")
    )

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("unit_id", ["999999", "0", "-1", str(10**30)])
def test_an_unknown_unit_is_not_found(
    unit_id: str, api_headers: Callable[[str], dict[str, str]]
) -> None:
    response = Client().get(f"/api/v1/organization/units/{unit_id}", headers=api_headers("admin"))
    assert response.status_code == 404


@pytest.mark.parametrize("unit_id", ["abc", "1.5", "²"])
def test_a_unit_id_that_is_not_a_number_is_refused_without_a_server_error(
    unit_id: str, api_headers: Callable[[str], dict[str, str]]
) -> None:
    response = Client().get(f"/api/v1/organization/units/{unit_id}", headers=api_headers("admin"))
    assert response.status_code == 422


def test_the_tree_uses_as_many_queries_for_a_large_organisation_as_for_a_small_one(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    client, headers = Client(), api_headers("admin")
    client.get("/api/v1/organization", headers=headers)  # the first use stamps the token
    small = count_queries(client, "/api/v1/organization", headers)

    add_units(stavanger, 60)
    add_members(stavanger, 50)

    assert count_queries(client, "/api/v1/organization", headers) == small
    assert (
        "Ekstra enhet 059" in client.get("/api/v1/organization", headers=headers).content.decode()
    )
