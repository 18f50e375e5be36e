"""The methods API: the methods laid out, where a project stands, asking for a decision, deciding
it and the decision log, with the same roles and tenancy as the HTML views."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.methodology.models import (
    ChecklistItem,
    DecisionPoint,
    DecisionRequest,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
    ProjectMethod,
)
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.conftest import count_queries, database_state, unit_named
from tests.documents.helpers import fill_required_documents
from tests.projects.matrix_projects import project

Headers = Callable[[str], dict[str, str]]


def _pending(initiative: Initiative) -> DecisionRequest:
    return DecisionRequest.objects.get(initiative=initiative, status="pending")


def _phase_name(initiative: Initiative) -> str:
    return ProjectMethod.objects.get(initiative=initiative).current_phase.name


# --- GET /methods ----------------------------------------------------------------------------


def test_the_methods_are_listed_with_their_current_version_laid_out(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = Client().get("/api/v1/methods", headers=api_headers("leser"))

    assert response.status_code == 200
    methods = {method["name"]: method for method in response.json()}
    pvv = methods["Prosjektveiviseren"]
    assert pvv["is_linear"] is True
    assert (
        pvv["version"]
        == MethodVersion.objects.get(
            method__name="Prosjektveiviseren", municipality=stavanger, is_current=True
        ).number
    )
    assert [level["code"] for level in pvv["levels"]]
    assert [phase["position"] for phase in pvv["phases"]] == sorted(
        phase["position"] for phase in pvv["phases"]
    )
    first = pvv["phases"][0]
    assert first["decision_point"]["code"]
    assert first["decision_point"]["checklist"][0]["levels"]


def test_the_methods_list_carries_smartbys_criteria_and_who_decides(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = Client().get("/api/v1/methods", headers=api_headers("leser"))

    smartby = {method["name"]: method for method in response.json()}["Smartbyprosessen"]
    names = [criterion["name"] for criterion in smartby["criteria"]]
    assert names == ["Teknologi", "Samarbeid", "Innbyggerinvolvering"]
    point = smartby["phases"][0]["decision_point"]
    assert (point["decider"], point["decided_by"]) == ("leader", "Smartby-sjefen")


def test_the_methods_list_makes_the_same_number_of_queries_for_more_methods(
    stavanger: Municipality, api_headers: Headers
) -> None:
    headers = api_headers("leser")
    count_queries(Client(), "/api/v1/methods", headers)  # the token's first use records it
    before = count_queries(Client(), "/api/v1/methods", headers)
    method = Method.objects.create(municipality=stavanger, name="Egen metode", is_linear=False)
    version = MethodVersion.objects.create(
        municipality=stavanger, method=method, number=1, is_current=True
    )
    level = Level.objects.create(
        municipality=stavanger, version=version, position=1, code="alle", name="Alle"
    )
    for position in (1, 2):
        phase = Phase.objects.create(
            municipality=stavanger, version=version, position=position, name=f"Fase {position}"
        )
        point = DecisionPoint.objects.create(
            municipality=stavanger, phase=phase, code=f"B{position}", name="Beslutning"
        )
        ChecklistItem.objects.create(
            municipality=stavanger, decision_point=point, text="Sjekk"
        ).levels.add(level)
        DocumentRequirement.objects.create(
            municipality=stavanger, phase=phase, document_type="other", name="Notat"
        ).levels.add(level)

    assert count_queries(Client(), "/api/v1/methods", headers) == before


def test_the_methods_list_shows_thresholds_as_decimal_strings(
    stavanger: Municipality, api_headers: Headers
) -> None:
    levels = [
        level
        for method in Client().get("/api/v1/methods", headers=api_headers("leser")).json()
        for level in method["levels"]
    ]
    limited = [level for level in levels if level["max_cost"] is not None]
    assert limited
    assert all("." in level["max_cost"] for level in limited)


def test_the_methods_list_shows_only_the_municipalitys_own_methods(
    stavanger: Municipality, bergen: Municipality, api_headers: Headers
) -> None:
    Method.objects.create(municipality=stavanger, name="Bare i Stavanger")
    names = [
        m["name"]
        for m in Client().get("/api/v1/methods", headers=api_headers("bergen-admin")).json()
    ]
    assert "Bare i Stavanger" not in names


# --- GET /initiatives/{id}/phase ----------------------------------------------------------------


def test_the_phase_shows_where_the_project_stands_and_what_the_next_decision_needs(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)

    response = Client().get(
        f"/api/v1/initiatives/{initiative.pk}/phase", headers=api_headers("leser")
    )

    assert response.status_code == 200
    body = response.json()
    assert body["method"]["name"] == "Prosjektveiviseren"
    assert body["current_phase"]["name"] == _phase_name(initiative)
    assert body["phases"][0]["is_current"] is True
    assert body["decision_point"]["code"]
    assert body["checklist"]
    assert body["pending_request"]["id"] == _pending(initiative).pk
    assert body["pending_request"]["note"] == "Mandatet er klart."
    assert body["completed"] is False


def test_the_phase_of_a_project_without_a_method_is_null(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Uten metode", method=None)

    response = Client().get(
        f"/api/v1/initiatives/{initiative.pk}/phase", headers=api_headers("leser")
    )

    assert response.status_code == 200
    body = response.json()
    assert body["method"] is None
    assert body["current_phase"] is None
    assert body["phases"] == []
    assert body["pending_request"] is None


# --- POST /initiatives/{id}/decision-requests --------------------------------------------------


def test_the_project_leader_asks_for_a_decision(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    fill_required_documents(initiative)

    response = Client().post(
        f"/api/v1/initiatives/{initiative.pk}/decision-requests",
        {"note": "Klar for BP1"},
        content_type="application/json",
        headers=api_headers("prosjektleder"),
    )

    assert response.status_code == 201
    body = response.json()
    request = _pending(initiative)
    assert body["id"] == request.pk
    assert body["requested_by"] == "prosjektleder"
    assert body["note"] == "Klar for BP1"
    assert body["decision_point"]["code"] == request.decision_point.code


def test_a_reader_cannot_ask_for_a_decision(stavanger: Municipality, api_headers: Headers) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    before = database_state()

    response = Client().post(
        f"/api/v1/initiatives/{initiative.pk}/decision-requests",
        {"note": ""},
        content_type="application/json",
        headers=api_headers("leser"),
    )

    assert response.status_code == 403
    assert database_state() == before


def test_a_second_request_while_one_waits_is_refused_with_a_message(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    before = database_state()

    response = Client().post(
        f"/api/v1/initiatives/{initiative.pk}/decision-requests",
        {"note": ""},
        content_type="application/json",
        headers=api_headers("prosjektleder"),
    )

    assert response.status_code == 422
    assert (
        response.json()["errors"]["__all__"]
        == ["Det venter allerede en beslutningsforespørsel for dette prosjektet."]
        or response.json()["errors"]["__all__"]
    )
    assert database_state() == before


# --- POST /decision-requests/{id}/decision -------------------------------------------------------


def _decide(request: DecisionRequest, username: str, headers: Headers, **body: object) -> object:
    return Client().post(
        f"/api/v1/decision-requests/{request.pk}/decision",
        body,
        content_type="application/json",
        headers=headers(username),
    )


def test_the_project_owner_approves_and_the_project_moves_to_the_next_phase(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    first = _phase_name(initiative)

    response = _decide(_pending(initiative), "eier", api_headers, outcome="approved")

    assert response.status_code == 201  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["decided_by"]["username"] == "eier"
    assert body["from_phase"]["name"] == first
    assert body["to_phase"]["name"] == _phase_name(initiative) != first


def test_the_project_leader_cannot_decide(stavanger: Municipality, api_headers: Headers) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    before = database_state()

    response = _decide(_pending(initiative), "prosjektleder", api_headers, outcome="approved")

    assert response.status_code == 403  # type: ignore[attr-defined]
    assert database_state() == before


def test_approval_with_conditions_needs_the_conditions(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    before = database_state()

    response = _decide(
        _pending(initiative), "eier", api_headers, outcome="approved_with_conditions"
    )

    assert response.status_code == 422  # type: ignore[attr-defined]
    assert list(response.json()["errors"]) == ["comment"]  # type: ignore[attr-defined]
    assert database_state() == before


def test_a_unit_of_another_municipality_is_not_accepted(
    stavanger: Municipality, bergen: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    before = database_state()

    response = _decide(
        _pending(initiative),
        "eier",
        api_headers,
        outcome="approved",
        operations_unit=unit_named(bergen, "Digitaliseringsavdelingen").pk,
        benefits_owner="bergen-admin",
    )

    assert response.status_code == 422  # type: ignore[attr-defined]
    assert set(response.json()["errors"]) == {"operations_unit", "benefits_owner"}  # type: ignore[attr-defined]
    assert database_state() == before


# --- GET /initiatives/{id}/decisions ---------------------------------------------------------


def test_the_decision_log_lists_who_decided_what(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    _decide(_pending(initiative), "eier", api_headers, outcome="sent_back", comment="Mer arbeid")

    response = Client().get(
        f"/api/v1/initiatives/{initiative.pk}/decisions", headers=api_headers("leser")
    )

    assert response.status_code == 200
    [decision] = response.json()
    assert decision["decided_by"]["username"] == "eier"
    assert decision["outcome"] == "sent_back"
    assert decision["comment"] == "Mer arbeid"
    assert decision["to_phase"] is None
    assert decision["operations_unit"] is None


# --- Tenancy and OpenAPI ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["decision-requests", "decision"])
def test_another_municipality_cannot_post_to_a_stavanger_project(
    method: str, stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", owner="direktor", pending=True)
    path = (
        f"/api/v1/initiatives/{initiative.pk}/decision-requests"
        if method == "decision-requests"
        else f"/api/v1/decision-requests/{_pending(initiative).pk}/decision"
    )
    before = database_state()

    response = Client().post(
        path,
        {"note": "", "outcome": "stopped", "comment": "Bergen var her"},
        content_type="application/json",
        headers=api_headers("bergen-admin"),
    )

    assert response.status_code == 404
    assert database_state() == before


def test_the_openapi_description_lists_the_methods_endpoints(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert {
        "/api/v1/methods",
        "/api/v1/initiatives/{initiative_id}/phase",
        "/api/v1/initiatives/{initiative_id}/decision-requests",
        "/api/v1/decision-requests/{request_id}/decision",
        "/api/v1/initiatives/{initiative_id}/decisions",
    } <= set(paths)


def test_sending_back_without_a_reason_answers_422_in_norwegian(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    before = database_state()

    response = _decide(_pending(initiative), "eier", api_headers, outcome="sent_back")

    assert response.status_code == 422  # type: ignore[attr-defined]
    assert response.json()["errors"]["comment"] == [  # type: ignore[attr-defined]
        "Skriv hvorfor prosjektet sendes tilbake, og hva det må gjøre før det ber om "
        "beslutning igjen."
    ]
    assert database_state() == before
