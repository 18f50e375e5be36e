"""The service catalogue in the API: GET/POST /api/v1/services and GET/POST
/api/v1/services/{id}/assessments, with the roles and tenancy of the HTML views."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helhet.maturity.models import Answer, Assessment, Service
from helhet.organization.models import Municipality
from tests.conftest import database_state, unit_named
from tests.maturity.matrix_catalogue import catalogue_area, catalogue_service
from tests.maturity.plan_helpers import import_audit
from tests.portfolio.exchange_files import t

Headers = Callable[[str], dict[str, str]]

ASSESSMENT = {
    "assessed_on": "2024-06-30",
    "application": "yes",
    "transfer": "partly",
    "transfer_comment": "Bare søknader om plass.",
    "answer": "yes",
}


def _post(path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(path, body, content_type="application/json", headers=headers)


def test_the_services_are_listed_with_their_newest_assessment(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)

    response = Client().get("/api/v1/services", headers=api_headers("leser"))

    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()}
    assert len(rows) == 24
    byggesoknad = rows["Byggesøknad"]
    assert byggesoknad["area"]["name"] == "Plan, bygg og geodata"
    newest = byggesoknad["newest_assessment"]
    assert (newest["application"], newest["transfer"], newest["answer"]) == (
        "yes",
        "unclassified",
        "yes",
    )
    assert newest["application_comment"] == "Ja - nasjonal løsning"
    assert newest["stops_at"] == 2
    assert rows["Barnehageplass"]["newest_assessment"]["full_digital_first_choice"] is True


def test_the_list_can_be_limited_to_a_service_area(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)
    area = catalogue_area(stavanger, "Plan, bygg og geodata")

    rows = Client().get(f"/api/v1/services?area={area.pk}", headers=api_headers("leser")).json()

    assert len(rows) == 5


def test_the_list_makes_the_same_number_of_queries_for_more_services(
    stavanger: Municipality, api_headers: Headers
) -> None:
    headers = api_headers("leser")
    Client().get("/api/v1/services", headers=headers)  # the token's first use is recorded
    catalogue_service(stavanger)
    with CaptureQueriesContext(connection) as few:
        Client().get("/api/v1/services", headers=headers)
    import_audit(stavanger)

    with CaptureQueriesContext(connection) as many:
        Client().get("/api/v1/services", headers=headers)

    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_list_shows_only_the_own_municipality(
    stavanger: Municipality, api_headers: Headers
) -> None:
    catalogue_service(stavanger)

    assert Client().get("/api/v1/services", headers=api_headers("bergen-admin")).json() == []


def test_the_portfolio_office_adds_a_service(stavanger: Municipality, api_headers: Headers) -> None:
    area = catalogue_area(stavanger)
    unit = unit_named(stavanger, "Skole")

    response = _post(
        "/api/v1/services",
        {
            "name": "Skoleskyss",
            "area": area.pk,
            "responsible_unit": unit.pk,
            "case_system": "Public 360",
            "yearly_volume": 1200,
        },
        api_headers("portefolje"),
    )

    assert response.status_code == 201
    body = response.json()
    assert body["responsible_unit"]["name"] == "Skole"
    assert body["newest_assessment"] is None
    service = Service.objects.get(name="Skoleskyss")
    assert (service.case_system, service.yearly_volume) == ("Public 360", 1200)


def test_a_taken_name_is_refused_in_norwegian(
    stavanger: Municipality, api_headers: Headers
) -> None:
    catalogue_service(stavanger)
    headers = api_headers("portefolje")
    before = database_state()

    response = _post(
        "/api/v1/services",
        {"name": "BARNEHAGEPLASS", "area": catalogue_area(stavanger).pk},
        headers,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"name": [t("There is already a service with this name.")]}
    assert database_state() == before


def test_another_municipalitys_area_is_refused(
    stavanger: Municipality, api_headers: Headers
) -> None:
    area = catalogue_area(stavanger)
    headers = api_headers("bergen-admin")
    before = database_state()

    response = _post("/api/v1/services", {"name": "Startlån", "area": area.pk}, headers)

    assert response.status_code == 422
    assert response.json()["errors"] == {"area": [t("Choose a service area of your municipality.")]}
    assert database_state() == before


def test_a_reader_cannot_add_a_service(stavanger: Municipality, api_headers: Headers) -> None:
    area = catalogue_area(stavanger)
    headers = api_headers("leser")
    before = database_state()

    response = _post("/api/v1/services", {"name": "Startlån", "area": area.pk}, headers)

    assert response.status_code == 403
    assert response.json() == {"detail": t("Your role does not allow this.")}
    assert database_state() == before


def test_one_service(stavanger: Municipality, api_headers: Headers) -> None:
    service = catalogue_service(stavanger)

    body = Client().get(f"/api/v1/services/{service.pk}", headers=api_headers("leser")).json()

    assert body["name"] == "Barnehageplass"
    assert body["newest_assessment"]["assessed_on"] == "2021-06-30"


def test_a_services_assessments_are_listed_newest_first(
    stavanger: Municipality, api_headers: Headers
) -> None:
    service = catalogue_service(stavanger)
    _post(f"/api/v1/services/{service.pk}/assessments", ASSESSMENT, api_headers("portefolje"))

    rows = (
        Client()
        .get(f"/api/v1/services/{service.pk}/assessments", headers=api_headers("leser"))
        .json()
    )

    assert [row["assessed_on"] for row in rows] == ["2024-06-30", "2021-06-30"]
    assert rows[0]["recorded_by"]["username"] == "portefolje"


def test_recording_an_assessment_answers_201(stavanger: Municipality, api_headers: Headers) -> None:
    service = catalogue_service(stavanger)

    response = _post(
        f"/api/v1/services/{service.pk}/assessments", ASSESSMENT, api_headers("portefolje")
    )

    assert response.status_code == 201
    assert response.json()["transfer"] == "partly"
    assert service.assessments.get(assessed_on=date(2024, 6, 30)).transfer_comment == (
        "Bare søknader om plass."
    )


def test_recording_a_date_again_replaces_it_and_answers_200(
    stavanger: Municipality, api_headers: Headers
) -> None:
    service = catalogue_service(stavanger)  # assessed 2021-06-30

    response = _post(
        f"/api/v1/services/{service.pk}/assessments",
        {**ASSESSMENT, "assessed_on": "2021-06-30"},
        api_headers("portefolje"),
    )

    assert response.status_code == 200
    assert Assessment.objects.get(service=service).transfer == Answer.PARTLY


def test_a_future_date_and_a_bad_answer_are_refused(
    stavanger: Municipality, api_headers: Headers
) -> None:
    service = catalogue_service(stavanger)
    headers = api_headers("portefolje")
    before = database_state()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = _post(
        f"/api/v1/services/{service.pk}/assessments",
        {**ASSESSMENT, "assessed_on": tomorrow, "answer": "unclassified"},
        headers,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "assessed_on": [t("The date cannot be in the future.")],
        "answer": [t("Choose yes, no, unsure or partly.")],
    }
    assert database_state() == before


def test_a_reader_cannot_record_an_assessment(
    stavanger: Municipality, api_headers: Headers
) -> None:
    service = catalogue_service(stavanger)
    headers = api_headers("leser")
    before = database_state()

    response = _post(f"/api/v1/services/{service.pk}/assessments", ASSESSMENT, headers)

    assert response.status_code == 403
    assert database_state() == before


def test_another_municipalitys_service_is_not_found(
    stavanger: Municipality, api_headers: Headers
) -> None:
    service = catalogue_service(stavanger)
    headers = api_headers("bergen-admin")
    before = database_state()

    response = _post(f"/api/v1/services/{service.pk}/assessments", ASSESSMENT, headers)

    assert response.status_code == 404
    assert response.json() == {"detail": t("Not found.")}
    assert database_state() == before


def test_the_service_areas_are_listed(stavanger: Municipality, api_headers: Headers) -> None:
    import_audit(stavanger)

    rows = Client().get("/api/v1/service-areas", headers=api_headers("leser")).json()

    assert [row["name"] for row in rows] == [
        "Oppvekst og utdanning",
        "Helse og velferd",
        "Plan, bygg og geodata",
    ]


def test_the_openapi_description_says_a_date_again_replaces_the_assessment(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert {"/api/v1/services", "/api/v1/services/{service_id}/assessments"} <= set(paths)
    assert "replaces" in paths["/api/v1/services/{service_id}/assessments"]["post"]["description"]
