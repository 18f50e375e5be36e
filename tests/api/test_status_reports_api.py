"""GET/POST /api/v1/initiatives/<id>/status-reports: an initiative's status reports, and writing
one as its project leader."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, StatusReport
from helhet.portfolio.services import status_report_create
from tests.api.portfolio_helpers import make_initiative

Headers = Callable[[str], dict[str, str]]
ASPECTS = ("progress", "economy", "quality", "risk", "benefits")


def _url(initiative: Initiative) -> str:
    return f"/api/v1/initiatives/{initiative.pk}/status-reports"


def _report(**changes: Any) -> dict[str, Any]:
    return {
        **dict.fromkeys(ASPECTS, "green"),
        "economy": "yellow",
        "economy_comment": "Lisenskostnadene ble høyere enn ventet.",
        "summary": "Spider er tatt i bruk i fire hjemmebaserte tjenester.",
        "period_start": "2026-11-01",
        "period_end": "2026-11-30",
        **changes,
    }


def _post(initiative: Initiative, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(_url(initiative), data, content_type="application/json", headers=headers)


@pytest.fixture
def spider(stavanger: Municipality) -> Initiative:
    return make_initiative(
        stavanger,
        "Spider",
        owning_unit="E-helse og velferdsteknologi",
        project_leader=User.objects.get(username="prosjektleder"),
    )


def test_the_reports_come_newest_first_with_ratings_and_comments(
    spider: Initiative, api_headers: Headers
) -> None:
    now = timezone.now()
    for days, summary in ((60, "Oppstart."), (5, "Utrulling pågår.")):
        status_report_create(
            actor=User.objects.get(username="prosjektleder"),
            initiative=spider,
            ratings=dict.fromkeys(ASPECTS, "green"),
            comments={"risk": "Avhengig av leverandør."},
            summary=summary,
            period_start=date(2020, 1, 1),
            period_end=date(2020, 1, 31),
            reported_at=now - timedelta(days=days),
        )

    body = Client().get(_url(spider), headers=api_headers("leser")).json()

    assert [report["summary"] for report in body] == ["Utrulling pågår.", "Oppstart."]
    assert (body[0]["risk"], body[0]["risk_comment"]) == ("green", "Avhengig av leverandør.")
    assert body[0]["author"]["username"] == "prosjektleder"


def test_the_project_leader_writes_a_report(spider: Initiative, api_headers: Headers) -> None:
    response = _post(spider, _report(), api_headers("prosjektleder"))

    assert response.status_code == 201
    report = StatusReport.objects.get()
    assert (report.initiative, report.economy, report.author.username) == (  # type: ignore[union-attr]
        spider,
        "yellow",
        "prosjektleder",
    )
    assert response.json()["id"] == report.pk


def test_the_portfolio_office_writes_a_report_for_any_initiative(
    spider: Initiative, api_headers: Headers
) -> None:
    assert _post(spider, _report(), api_headers("portefolje")).status_code == 201


@pytest.mark.parametrize("username", ["leser", "direktor", "eier"])
def test_others_may_read_but_not_write(
    username: str, spider: Initiative, api_headers: Headers
) -> None:
    headers = api_headers(username)
    assert Client().get(_url(spider), headers=headers).status_code == 200
    assert _post(spider, _report(), headers).status_code == 403
    assert not StatusReport.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"progress": "blue"}, "progress"), ({"summary": ""}, "summary"), ({"risk": ""}, "risk")],
)
def test_a_bad_report_is_refused_and_nothing_written(
    changes: dict[str, Any], field: str, spider: Initiative, api_headers: Headers
) -> None:
    response = _post(spider, _report(**changes), api_headers("prosjektleder"))

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not StatusReport.objects.exists()


def test_a_report_without_ratings_is_refused(spider: Initiative, api_headers: Headers) -> None:
    response = _post(spider, {"summary": "Bare tekst."}, api_headers("prosjektleder"))
    assert response.status_code == 422
    assert not StatusReport.objects.exists()


def test_another_municipalitys_initiative_is_not_found(
    spider: Initiative, api_headers: Headers
) -> None:
    headers = api_headers("bergen-admin")

    assert Client().get(_url(spider), headers=headers).status_code == 404
    assert _post(spider, _report(), headers).status_code == 404
    assert not StatusReport.objects.exists()


def test_the_reporting_period_is_written_and_read(spider: Initiative, api_headers: Headers) -> None:
    response = _post(spider, _report(), api_headers("prosjektleder"))

    assert response.status_code == 201
    assert (response.json()["period_start"], response.json()["period_end"]) == (
        "2026-11-01",
        "2026-11-30",
    )
    [listed] = Client().get(_url(spider), headers=api_headers("leser")).json()
    assert (listed["period_start"], listed["period_end"]) == ("2026-11-01", "2026-11-30")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"period_start": None}, "period_start", "Skriv datoen perioden begynner."),
        (
            {"period_start": "2026-12-01", "period_end": "2026-11-30"},
            "period_end",
            "Perioden kan ikke slutte før den begynner.",
        ),
        (
            {"risk": "red", "risk_comment": " "},
            "risk_comment",
            "Skriv hvorfor dette er rødt, og hva som gjøres med det.",
        ),
    ],
)
def test_a_bad_period_or_a_red_aspect_without_a_reason_answers_422_in_norwegian(
    changes: dict[str, Any], field: str, message: str, spider: Initiative, api_headers: Headers
) -> None:
    response = _post(spider, _report(**changes), api_headers("prosjektleder"))

    assert response.status_code == 422
    assert response.json()["errors"][field] == [message]
    assert not StatusReport.objects.exists()
