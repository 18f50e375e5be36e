"""GET/POST /api/v1/initiatives and GET/PATCH /api/v1/initiatives/<id>: the overview's filters,
pagination, registering and changing initiatives with optimistic concurrency, tenancy."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.core.text import LONG_TEXT
from helhet.organization.models import Municipality
from helhet.portfolio.models import FundingSourceKind, Initiative, InitiativeKind, InitiativeStatus
from helhet.portfolio.services import FundingLine, initiative_update
from tests.api.portfolio_helpers import make_initiative
from tests.conftest import count_queries, unit_named

LIST = "/api/v1/initiatives"
Headers = Callable[[str], dict[str, str]]


def _detail(initiative: Initiative) -> str:
    return f"/api/v1/initiatives/{initiative.pk}"


def _names(body: dict[str, Any]) -> list[str]:
    return [row["name"] for row in body["results"]]


def _patch(path: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().patch(path, data, content_type="application/json", headers=headers)


def _post(path: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(path, data, content_type="application/json", headers=headers)


# --- The list ------------------------------------------------------------------------------------


def test_the_list_gives_count_and_results_with_money_as_decimal_strings(
    stavanger: Municipality, api_headers: Headers
) -> None:
    make_initiative(
        stavanger,
        "Medisindispensere",
        owning_unit="E-helse og velferdsteknologi",
        estimated_cost=Decimal("1613764.00"),
        funding=[FundingLine(FundingSourceKind.DIGITALISATION_FUND, Decimal("300000"))],
        tags=["Velferdsteknologi"],
    )

    body = Client().get(LIST, headers=api_headers("leser")).json()

    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    row = body["results"][0]
    assert row["estimated_cost"] == "1613764.00"
    assert [(line["source"], line["amount"]) for line in row["funding"]] == [
        ("digitalisation_fund", "300000.00")
    ]
    assert row["owning_unit"]["name"] == "E-helse og velferdsteknologi"
    assert row["tags"] == ["Velferdsteknologi"]
    assert row["version"] == 1


def test_the_list_takes_the_overviews_filters(
    stavanger: Municipality, api_headers: Headers
) -> None:
    make_initiative(stavanger, "Spider", owning_unit="E-helse og velferdsteknologi")
    make_initiative(
        stavanger, "Mitt Stavanger", owning_unit="Smartby", status=InitiativeStatus.COMPLETED
    )
    make_initiative(stavanger, "Chatbot", owning_unit="Smartby", kind=InitiativeKind.IDEA)
    headers = api_headers("leser")
    smartby = unit_named(stavanger, "Smartby").pk

    def names(query: str) -> list[str]:
        return _names(Client().get(f"{LIST}?{query}", headers=headers).json())

    assert names(f"unit={smartby}") == ["Chatbot", "Mitt Stavanger"]
    assert names("status=active&status=completed&kind=project") == ["Mitt Stavanger", "Spider"]
    assert names("q=spid") == ["Spider"]
    assert names("sort=-name") == ["Spider", "Mitt Stavanger", "Chatbot"]


def test_the_list_is_paginated_with_links_to_the_next_and_previous_page(
    stavanger: Municipality, api_headers: Headers
) -> None:
    for index in range(5):
        make_initiative(stavanger, f"Tiltak {index}")
    headers = api_headers("leser")

    first = Client().get(f"{LIST}?page_size=2&status=active", headers=headers).json()
    last = Client().get(f"{LIST}?page_size=2&status=active&page=3", headers=headers).json()

    assert (first["count"], _names(first), first["previous"]) == (5, ["Tiltak 0", "Tiltak 1"], None)
    assert first["next"] == "http://testserver/api/v1/initiatives?page_size=2&status=active&page=2"
    assert (_names(last), last["next"]) == (["Tiltak 4"], None)
    assert last["previous"].endswith("page=2")


def test_a_page_after_the_last_is_empty(stavanger: Municipality, api_headers: Headers) -> None:
    make_initiative(stavanger, "RPA")
    body = Client().get(f"{LIST}?page=9", headers=api_headers("leser")).json()
    assert (body["count"], body["results"], body["next"]) == (1, [], None)


@pytest.mark.parametrize("query", ["page_size=201", "page_size=0", "page=0", "page=en"])
def test_a_bad_page_is_refused(query: str, api_headers: Headers) -> None:
    response = Client().get(f"{LIST}?{query}", headers=api_headers("leser"))
    assert response.status_code == 422


def test_a_filter_naming_another_municipalitys_unit_is_refused(
    bergen: Municipality, api_headers: Headers
) -> None:
    unit = unit_named(bergen, "Digitaliseringsavdelingen")

    response = Client().get(f"{LIST}?unit={unit.pk}", headers=api_headers("leser"))

    assert response.status_code == 422
    assert "unit" in response.json()["errors"]
    assert "Digitaliseringsavdelingen" not in response.content.decode()


def test_the_list_shows_only_the_own_municipality(
    stavanger: Municipality, bergen: Municipality, api_headers: Headers
) -> None:
    make_initiative(stavanger, "Datasjø")
    make_initiative(bergen, "Bergens portefølje", owning_unit="Digitaliseringsavdelingen")

    assert _names(Client().get(LIST, headers=api_headers("bergen-admin")).json()) == [
        "Bergens portefølje"
    ]


def test_the_list_needs_a_token(db: None) -> None:
    assert Client().get(LIST).status_code == 401


def test_the_list_makes_as_many_queries_for_many_initiatives_as_for_few(
    stavanger: Municipality, api_headers: Headers
) -> None:
    people = list(User.objects.filter(username__in=["eier", "prosjektleder"]))
    units = [unit_named(stavanger, name) for name in ("Smartby", "Skole")]
    headers = api_headers("leser")
    client = Client()
    client.get(LIST, headers=headers)  # the first use stamps the token

    def add(first: int, count: int) -> None:
        for index in range(first, first + count):
            make_initiative(
                stavanger,
                f"Tiltak {index:03d}",
                project_owner=people[0],
                project_leader=people[1],
                m2m={"participating_units": units, "contacts": people},
                tags=["RPA", f"tagg {index}"],
                funding=[FundingLine(FundingSourceKind.OWN_BUDGET, Decimal(1000))],
            )

    add(0, 2)
    few = count_queries(client, LIST, headers)
    add(2, 30)
    assert count_queries(client, LIST, headers) == few


# --- Registering ---------------------------------------------------------------------------------


def test_the_portfolio_office_registers_an_initiative_with_the_required_fields(
    stavanger: Municipality, api_headers: Headers
) -> None:
    unit = unit_named(stavanger, "Smartby")

    response = _post(
        LIST,
        {"name": "Kvikktest Lervig", "kind": "project", "owning_unit": unit.pk},
        api_headers("portefolje"),
    )

    assert response.status_code == 201
    body = response.json()
    initiative = Initiative.objects.get(pk=body["id"])
    assert (initiative.name, initiative.owning_unit, initiative.municipality) == (
        "Kvikktest Lervig",
        unit,
        stavanger,
    )
    assert (body["status"], body["version"]) == ("active", 1)
    assert initiative.history.get().history_user.username == "portefolje"


def test_registering_takes_people_units_goals_tags_and_funding(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = _post(
        LIST,
        {
            "name": "Spider",
            "kind": "project",
            "owning_unit": unit_named(stavanger, "E-helse og velferdsteknologi").pk,
            "project_owner": "eier",
            "project_leader": "prosjektleder",
            "contacts": ["gevinsteier"],
            "participating_units": [unit_named(stavanger, "Hundvåg hjemmebaserte tjenester").pk],
            "planned_start": "2017-05-01",
            "estimated_cost": "250000.50",
            "funding": [{"source": "own_budget", "amount": "250000.50"}],
            "tags": ["Ruteoptimalisering"],
        },
        api_headers("portefolje"),
    )

    assert response.status_code == 201, response.content
    initiative = Initiative.objects.get(name="Spider")
    assert initiative.project_leader is not None
    assert initiative.project_leader.username == "prosjektleder"
    assert [u.username for u in initiative.contacts.all()] == ["gevinsteier"]
    assert initiative.planned_start == date(2017, 5, 1)
    assert initiative.estimated_cost == Decimal("250000.50")
    assert response.json()["funding"][0]["amount"] == "250000.50"
    assert response.json()["participating_units"][0]["name"] == "Hundvåg hjemmebaserte tjenester"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"owning_unit": "bergen"}, "owning_unit"),
        ({"project_leader": "bergen-admin"}, "project_leader"),
        ({"contacts": ["finnesikke"]}, "contacts"),
        ({"kind": "prosjekt"}, "kind"),
        ({"name": "  "}, "name"),
        ({"status": "stopped"}, "stop_reason"),
        ({"planned_start": "2024-05-01", "planned_end": "2024-01-01"}, "planned_end"),
        ({"estimated_cost": "-5"}, "estimated_cost"),
    ],
)
def test_a_bad_initiative_is_refused_with_the_field_named_and_nothing_written(
    change: dict[str, Any],
    field: str,
    stavanger: Municipality,
    bergen: Municipality,
    api_headers: Headers,
) -> None:
    data: dict[str, Any] = {
        "name": "Aktiv kommune",
        "kind": "activity",
        "owning_unit": unit_named(stavanger, "Kultur").pk,
        **change,
    }
    if data["owning_unit"] == "bergen":
        data["owning_unit"] = unit_named(bergen, "Digitaliseringsavdelingen").pk

    response = _post(LIST, data, api_headers("portefolje"))

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Initiative.objects.exists()


def test_a_two_megabyte_need_is_refused_with_the_limit_and_nothing_written(
    stavanger: Municipality, api_headers: Headers
) -> None:
    data = {
        "name": "Langt behov",
        "kind": "project",
        "owning_unit": unit_named(stavanger, "Kultur").pk,
        "need": "x" * 2_000_000,
    }

    response = _post(LIST, data, api_headers("portefolje"))

    assert response.status_code == 422
    assert response.json()["errors"] == {"need": [f"Skriv høyst {LONG_TEXT} tegn."]}
    assert not Initiative.objects.exists()
    assert not Initiative.history.exists()


def test_a_two_megabyte_need_is_refused_in_a_change_and_no_history_is_written(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = make_initiative(stavanger, "Velferdsteknologi")
    history = initiative.history.count()

    response = _patch(
        _detail(initiative), {"version": 1, "need": "x" * 2_000_000}, api_headers("portefolje")
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["need"]
    initiative.refresh_from_db()
    assert (initiative.need, initiative.version) == ("", 1)
    assert initiative.history.count() == history


@pytest.mark.parametrize("username", ["leser", "finnes-ikke"])
def test_a_person_of_another_municipality_is_refused_like_an_unknown_username(
    username: str, bergen: Municipality, api_headers: Headers
) -> None:
    data = {
        "name": "Bergensprosjekt",
        "kind": "project",
        "owning_unit": unit_named(bergen, "Digitaliseringsavdelingen").pk,
        "project_owner": username,
    }

    response = _post(LIST, data, api_headers("bergen-admin"))

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "project_owner": [f"Ingen person med brukernavnet «{username}» arbeider i denne kommunen."]
    }


def test_a_duplicate_name_is_refused(stavanger: Municipality, api_headers: Headers) -> None:
    make_initiative(stavanger, "RPA")

    response = _post(
        LIST,
        {"name": "rpa", "kind": "project", "owning_unit": unit_named(stavanger, "Kultur").pk},
        api_headers("portefolje"),
    )

    assert response.status_code == 422
    assert response.json()["errors"]["name"]  # the message, in the active language
    assert Initiative.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [{"kind": "project"}, {"name": "X", "kind": "project", "owning_unit": "IT"}, {"name": 5}],
)
def test_a_request_missing_or_mistyping_required_fields_is_refused(
    data: dict[str, Any], api_headers: Headers
) -> None:
    assert _post(LIST, data, api_headers("portefolje")).status_code == 422
    assert not Initiative.objects.exists()


def test_a_body_that_is_not_json_is_refused(api_headers: Headers) -> None:
    response = Client().post(
        LIST, "{ikke json", content_type="application/json", headers=api_headers("portefolje")
    )
    assert response.status_code in (400, 422)
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("username", ["leser", "direktor", "gevinsteier"])
def test_roles_that_may_not_register_get_403(
    username: str, stavanger: Municipality, api_headers: Headers
) -> None:
    response = _post(
        LIST,
        {"name": "RPA", "kind": "project", "owning_unit": unit_named(stavanger, "Kultur").pk},
        api_headers(username),
    )
    assert response.status_code == 403
    assert not Initiative.objects.exists()


# --- One initiative ------------------------------------------------------------------------------


def test_one_initiative_with_its_latest_report_time(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = make_initiative(stavanger, "DigiBarnevern", owning_unit="Skole")

    body = Client().get(_detail(initiative), headers=api_headers("leser")).json()

    assert (body["id"], body["name"], body["last_reported_at"]) == (
        initiative.pk,
        "DigiBarnevern",
        None,
    )


def test_another_municipalitys_initiative_is_not_found(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = make_initiative(stavanger, "MinSide")
    headers = api_headers("bergen-admin")

    assert Client().get(_detail(initiative), headers=headers).status_code == 404
    response = _patch(_detail(initiative), {"version": 1, "name": "Bergen var her"}, headers)
    assert response.status_code == 404
    initiative.refresh_from_db()
    assert initiative.name == "MinSide"


# --- Changing ------------------------------------------------------------------------------------


def test_a_change_names_the_version_it_starts_from_and_gets_the_next(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = make_initiative(stavanger, "SvarUt")

    response = _patch(
        _detail(initiative),
        {"version": 1, "name": "SvarUt-optimalisering", "estimated_cost": "120000"},
        api_headers("portefolje"),
    )

    assert response.status_code == 200
    assert (response.json()["version"], response.json()["estimated_cost"]) == (2, "120000.00")
    initiative.refresh_from_db()
    assert (initiative.name, initiative.owning_unit.name) == (
        "SvarUt-optimalisering",
        "Innovasjon og digitalisering",
    )


def test_a_change_from_an_old_version_is_refused_with_what_changed(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = make_initiative(stavanger, "Datasjø")
    initiative_update(
        actor=User.objects.get(username="eier"),
        initiative=initiative,
        expected_version=1,
        fields={"short_description": "Deles med alle kommunene i Rogaland."},
    )

    response = _patch(
        _detail(initiative), {"version": 1, "name": "Datasjøen"}, api_headers("portefolje")
    )

    assert response.status_code == 409
    body = response.json()
    assert body["version"] == 2
    assert "Øyvind Tjelta" in body["detail"]
    assert [change["new"] for change in body["changes"]] == ["Deles med alle kommunene i Rogaland."]
    initiative.refresh_from_db()
    assert initiative.name == "Datasjø"


def test_a_change_without_a_version_is_refused(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = make_initiative(stavanger, "Drone")
    response = _patch(_detail(initiative), {"name": "Droner"}, api_headers("portefolje"))
    assert response.status_code == 422
    initiative.refresh_from_db()
    assert initiative.name == "Drone"


def test_null_clears_a_field_and_left_out_fields_stay(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = make_initiative(
        stavanger,
        "AI4Cities",
        planned_start=date(2020, 1, 1),
        project_leader=User.objects.get(username="prosjektleder"),
        tags=["KI"],
    )

    response = _patch(
        _detail(initiative),
        {"version": 1, "planned_start": None, "project_leader": None},
        api_headers("portefolje"),
    )

    assert response.status_code == 200
    initiative.refresh_from_db()
    assert (initiative.planned_start, initiative.project_leader) == (None, None)
    assert [tag.name for tag in initiative.tags.all()] == ["KI"]


def test_a_required_field_cannot_be_cleared(stavanger: Municipality, api_headers: Headers) -> None:
    initiative = make_initiative(stavanger, "Kvikktest")
    response = _patch(
        _detail(initiative), {"version": 1, "owning_unit": None}, api_headers("portefolje")
    )
    assert response.status_code == 422
    assert "owning_unit" in response.json()["errors"]


def test_the_project_leader_changes_their_own_initiative_but_not_others(
    stavanger: Municipality, api_headers: Headers
) -> None:
    own = make_initiative(
        stavanger, "Velferdsteknologi", project_leader=User.objects.get(username="prosjektleder")
    )
    other = make_initiative(stavanger, "Smartby-sensorer")
    headers = api_headers("prosjektleder")

    assert _patch(_detail(own), {"version": 1, "need": "Færre besøk"}, headers).status_code == 200
    assert _patch(_detail(other), {"version": 1, "need": "X"}, headers).status_code == 403


@pytest.mark.parametrize("username", ["leser", "direktor"])
def test_readers_and_leaders_may_not_change(
    username: str, stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = make_initiative(stavanger, "RPA")
    response = _patch(_detail(initiative), {"version": 1, "name": "X"}, api_headers(username))
    assert response.status_code == 403


def test_the_openapi_description_lists_the_portfolio_endpoints(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert set(paths["/api/v1/initiatives"]) == {"get", "post"}
    assert set(paths["/api/v1/initiatives/{initiative_id}"]) == {"get", "patch"}
    assert set(paths["/api/v1/initiatives/{initiative_id}/status-reports"]) == {"get", "post"}
    assert set(paths["/api/v1/portfolio/summary"]) == {"get"}
    parameters = {p["name"] for p in paths["/api/v1/initiatives"]["get"]["parameters"]}
    assert {"q", "unit", "kind", "status", "goal", "tag", "without_ros", "stale", "sort"} <= (
        parameters
    )
    assert {"page", "page_size"} <= parameters


def test_schema_errors_are_told_per_field_in_norwegian(
    stavanger: Municipality, api_headers: Headers
) -> None:
    unit = unit_named(stavanger, "Smartby")
    response = _post(
        LIST,
        {"kind": "project", "owning_unit": unit.pk, "estimated_cost": "mye"},
        api_headers("portefolje"),
    )

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Forespørselen har feil; ingenting ble endret."
    assert body["errors"]["name"] == ["Feltet må fylles ut."]
    assert body["errors"]["estimated_cost"] == ["Skriv et tall."]
    assert not Initiative.objects.exists()
