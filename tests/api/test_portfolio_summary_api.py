"""GET /api/v1/portfolio/summary: the overview's counts and sums, for the same filters."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.test import Client
from django.utils import timezone

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import (
    AssessmentStatus,
    FundingSourceKind,
    InitiativeKind,
    InitiativeStatus,
)
from helhet.portfolio.services import FundingLine, status_report_create
from tests.api.portfolio_helpers import make_initiative
from tests.conftest import count_queries, unit_named

URL = "/api/v1/portfolio/summary"
Headers = Callable[[str], dict[str, str]]
GREEN = dict.fromkeys(("progress", "economy", "quality", "risk", "benefits"), "green")


def _office() -> User:
    return User.objects.get(username="portefolje")


def _counts(buckets: list[dict[str, Any]]) -> dict[str, int]:
    return {bucket["key"]: bucket["count"] for bucket in buckets}


def _portfolio(stavanger: Municipality) -> None:
    make_initiative(
        stavanger,
        "Medisindispensere",
        owning_unit="E-helse og velferdsteknologi",
        estimated_cost=Decimal("3085163.00"),
        actual_cost=Decimal("1471399.50"),
        funding=[FundingLine(FundingSourceKind.DIGITALISATION_FUND, Decimal("500000"))],
        processes_personal_data=True,
    )
    kvikktest = make_initiative(
        stavanger,
        "Kvikktest Lervig",
        owning_unit="Smartby",
        estimated_cost=Decimal("1500000"),
        status=InitiativeStatus.COMPLETED,
        processes_personal_data=True,
        ros_status=AssessmentStatus.DONE,
        dpia_status=AssessmentStatus.DONE,
    )
    status_report_create(
        actor=_office(),
        initiative=kvikktest,
        ratings=GREEN,
        comments={},
        summary="Ferdig.",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 1, 31),
    )
    make_initiative(stavanger, "Chatbot", owning_unit="Smartby", kind=InitiativeKind.IDEA)


def test_the_summary_counts_by_kind_status_directorate_and_department(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _portfolio(stavanger)

    body = Client().get(URL, headers=api_headers("leser")).json()

    assert body["total"] == 3
    assert _counts(body["by_kind"]) == {"idea": 1, "project": 2, "programme": 0, "activity": 0}
    assert _counts(body["by_status"])["completed"] == 1
    departments = {b["label"]: (b["count"], b["id"]) for b in body["by_department"]}
    assert departments["Smartby"] == (2, unit_named(stavanger, "Smartby").pk)
    areas = {b["label"]: b["count"] for b in body["by_service_area"]}
    assert areas == {"Innbygger- og samfunnskontakt": 2, "Helse og velferd": 1}


def test_the_summary_gives_money_as_decimal_strings(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _portfolio(stavanger)

    body = Client().get(URL, headers=api_headers("leser")).json()

    assert (body["estimated_cost"], body["actual_cost"], body["funded_total"]) == (
        "4585163.00",
        "1471399.50",
        "500000.00",
    )
    assert [(b["key"], b["amount"]) for b in body["funding"]] == [
        ("digitalisation_fund", "500000.00")
    ]


def test_the_summary_counts_what_needs_attention(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _portfolio(stavanger)
    old = make_initiative(stavanger, "Gammel rapport")
    status_report_create(
        actor=_office(),
        initiative=old,
        ratings=GREEN,
        comments={},
        summary="For lenge siden.",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 1, 31),
        reported_at=timezone.now() - timedelta(days=45),
    )

    body = Client().get(URL, headers=api_headers("leser")).json()

    # Active without a report in a month: Medisindispensere, Chatbot and Gammel rapport.
    assert (body["stale"], body["without_ros"]) == (3, 1)


def test_the_summary_takes_the_lists_filters(stavanger: Municipality, api_headers: Headers) -> None:
    _portfolio(stavanger)

    body = Client().get(f"{URL}?kind=project&status=active", headers=api_headers("leser")).json()

    assert (body["total"], body["estimated_cost"]) == (1, "3085163.00")


def test_a_bad_filter_is_refused(api_headers: Headers) -> None:
    response = Client().get(f"{URL}?status=pågår", headers=api_headers("leser"))
    assert response.status_code == 422
    assert "status" in response.json()["errors"]


def test_the_summary_is_of_the_own_municipality_only(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _portfolio(stavanger)
    body = Client().get(URL, headers=api_headers("bergen-admin")).json()
    assert (body["total"], body["estimated_cost"], body["by_department"]) == (0, "0.00", [])


def test_the_summary_makes_as_many_queries_for_many_initiatives_as_for_few(
    stavanger: Municipality, api_headers: Headers
) -> None:
    client, headers = Client(), api_headers("leser")
    client.get(URL, headers=headers)
    _portfolio(stavanger)
    few = count_queries(client, URL, headers)
    for index in range(20):
        make_initiative(stavanger, f"Tiltak {index}", owning_unit=["Skole", "Kultur"][index % 2])
    assert count_queries(client, URL, headers) == few


def test_personal_data_with_the_dpia_not_assessed_counts_like_a_missing_ros(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _portfolio(stavanger)
    make_initiative(
        stavanger,
        "Chatbot med persondata",
        processes_personal_data=True,
        ros_status=AssessmentStatus.DONE,
    )

    body = Client().get(URL, headers=api_headers("leser")).json()
    listed = (
        Client().get("/api/v1/initiatives?without_ros=true", headers=api_headers("leser")).json()
    )

    assert body["without_ros"] == 2
    assert sorted(item["name"] for item in listed["results"]) == [
        "Chatbot med persondata",
        "Medisindispensere",
    ]
