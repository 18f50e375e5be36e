"""GET /api/v1/maturity/summary and GET /api/v1/maturity/plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client

from helhet.maturity.services.catalogue import service_create
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeStatus
from tests.conftest import count_queries
from tests.maturity.plan_helpers import (
    areas,
    assess,
    import_audit,
    initiative,
    service,
    step,
    user,
)

SUMMARY = "/api/v1/maturity/summary"
PLAN = "/api/v1/maturity/plan"
Headers = Callable[[str], dict[str, str]]


def test_summary_gives_the_audits_figures_in_total(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)

    body = Client().get(SUMMARY, headers=api_headers("leser")).json()

    assert body["total"] == {
        "services": 24,
        "electronic_application": 11,
        "electronic_transfer": 2,
        "electronic_answer": 16,
        "full_digital_first_choice": 2,
        "not_assessed": 0,
    }


def test_summary_gives_the_figures_per_service_area(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)

    body = Client().get(SUMMARY, headers=api_headers("leser")).json()

    by_area = {row["area"]["name"]: row for row in body["areas"]}
    assert by_area["Plan, bygg og geodata"]["services"] == 5
    assert by_area["Plan, bygg og geodata"]["electronic_answer"] == 5
    assert by_area["Oppvekst og utdanning"]["full_digital_first_choice"] == 2
    assert by_area["Helse og velferd"]["electronic_application"] == 1


def test_summary_at_a_date_before_the_audit_counts_no_level(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)

    body = Client().get(SUMMARY, {"date": "2021-06-29"}, headers=api_headers("leser")).json()

    assert body["as_of"] == "2021-06-29"
    assert (body["total"]["electronic_answer"], body["total"]["not_assessed"]) == (0, 24)


def test_summary_with_a_bad_date_answers_422_in_norwegian(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = Client().get(SUMMARY, {"date": "30.06.2021"}, headers=api_headers("leser"))

    assert response.status_code == 422
    assert response.json()["errors"]["date"] == ["Skriv en dato som ÅÅÅÅ-MM-DD."]


def test_summary_counts_only_the_own_municipality(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)

    body = Client().get(SUMMARY, headers=api_headers("bergen-admin")).json()

    assert (body["areas"], body["total"]["services"]) == ([], 0)


def test_summary_needs_a_token(stavanger: Municipality) -> None:
    assert Client().get(SUMMARY).status_code == 401


def test_plan_lists_the_gaps_with_their_steps_and_flags(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)
    carrier = initiative(
        stavanger,
        "Byggesak i eByggeSak",
        status=InitiativeStatus.STOPPED,
        stop_reason="Ingen midler",
    )
    planned = step(
        service(stavanger, "Byggesøknad"),
        2,
        "Koble eByggeSak til Public 360",
        initiative=carrier,
        responsible=user("prosjektleder"),
        due_date=date(2030, 1, 1),
    )

    body = Client().get(PLAN, headers=api_headers("leser")).json()

    row = next(r for r in body["services"] if r["service"]["name"] == "Byggesøknad")
    assert (row["assessed_on"], row["flagged"]) == ("2021-06-30", True)
    (gap,) = row["gaps"]
    assert (gap["level"], gap["answer"], gap["flags"]) == (
        2,
        "unclassified",
        ["initiative_stopped"],
    )
    assert gap["steps"] == [
        {
            "id": planned.pk,
            "level": 2,
            "description": "Koble eByggeSak til Public 360",
            "initiative": {
                "id": carrier.pk,
                "name": "Byggesak i eByggeSak",
                "status": "stopped",
                "planned_end": None,
            },
            "needs_initiative": False,
            "responsible": {
                "id": user("prosjektleder").pk,
                "username": "prosjektleder",
                "name": user("prosjektleder").get_full_name(),
            },
            "due_date": "2030-01-01",
            "status": "planned",
            "flags": ["initiative_stopped"],
        }
    ]


def test_plan_flags_a_gap_with_no_step(stavanger: Municipality, api_headers: Headers) -> None:
    import_audit(stavanger)

    body = Client().get(PLAN, headers=api_headers("leser")).json()

    row = next(r for r in body["services"] if r["service"]["name"] == "Gravetillatelse")
    assert [(gap["level"], gap["flags"]) for gap in row["gaps"]] == [(2, ["no_step"])]


def test_plan_gives_a_service_never_assessed_all_three_gaps(
    stavanger: Municipality, api_headers: Headers
) -> None:
    (area,) = areas(stavanger, ("Kultur",))
    service_create(actor=None, municipality=stavanger, name="Lån av Sølvberget", area=area)

    body = Client().get(PLAN, headers=api_headers("leser")).json()

    (row,) = body["services"]
    assert row["assessed_on"] is None
    assert [(gap["level"], gap["answer"]) for gap in row["gaps"]] == [
        (1, None),
        (2, None),
        (3, None),
    ]


def test_plan_filters_on_area_and_attention(stavanger: Municipality, api_headers: Headers) -> None:
    import_audit(stavanger)
    plan_area = areas(stavanger)[2]
    step(service(stavanger, "Byggesøknad"), 2, initiative=initiative(stavanger, "Byggesak"))

    body = (
        Client()
        .get(PLAN, {"area": str(plan_area.pk), "flagged": "true"}, headers=api_headers("leser"))
        .json()
    )

    assert [row["service"]["name"] for row in body["services"]] == [
        "Deling/sammenslåing av grunneiendom",
        "Gravetillatelse",
        "Rørleggermelding",
        "Sanitærabonnement",
    ]


def test_plan_shows_only_the_own_municipality(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)

    assert Client().get(PLAN, headers=api_headers("bergen-admin")).json()["services"] == []


def test_plan_leaves_out_a_service_assessed_as_full_digital_first_choice(
    stavanger: Municipality, api_headers: Headers
) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Byggesøknad"), date(2023, 3, 1), "yes", "yes", "yes")

    body = Client().get(PLAN, headers=api_headers("leser")).json()

    assert "Byggesøknad" not in [row["service"]["name"] for row in body["services"]]


def test_plan_takes_the_same_queries_for_few_and_many_services(
    stavanger: Municipality, api_headers: Headers
) -> None:
    (area,) = areas(stavanger, ("Kultur",))
    headers = api_headers("leser")
    carrier = initiative(stavanger, "Kulturtiltak")

    def add(index: int) -> None:
        new = service_create(
            actor=None, municipality=stavanger, name=f"Tjeneste {index}", area=area
        )
        assess(new, date(2022, 1, 1))
        step(new, 1, initiative=carrier, responsible=user("eier"))

    add(0)
    count_queries(Client(), PLAN, headers)  # the token's first use is recorded once
    few = count_queries(Client(), PLAN, headers)
    for index in range(1, 30):
        add(index)

    assert count_queries(Client(), PLAN, headers) == few
