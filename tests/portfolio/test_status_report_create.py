"""Writing a status report: five ratings with comments and a summary; kept as history."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.portfolio.models import Initiative, Rating, StatusReport
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.initiative_fixtures import portfolio_state

ASPECTS = ("progress", "economy", "quality", "risk", "benefits")


def _url(initiative: Initiative) -> str:
    return f"/portefolje/tiltak/{initiative.pk}/status/ny/"


def _form(**changes: str) -> dict[str, Any]:
    form: dict[str, Any] = {aspect: Rating.GREEN for aspect in ASPECTS}
    form.update({f"{aspect}_comment": "" for aspect in ASPECTS})
    form["summary"] = "Alt går etter planen."
    form["period_start"] = "2026-11-01"
    form["period_end"] = "2026-11-30"
    form.update(changes)
    return form


@pytest.fixture
def spider(make_initiative: MakeInitiative) -> Initiative:
    return make_initiative(
        "Spider",
        owning_unit="E-helse og velferdsteknologi",
        project_leader=User.objects.get(username="prosjektleder"),
    )


def test_each_aspect_is_a_group_of_three_labelled_radio_buttons(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    body = login("prosjektleder").get(_url(spider)).content.decode()
    # Five aspects and the period.
    assert body.count("<fieldset") == 6
    assert body.count("<legend") == 6
    assert body.count('type="radio"') == 15
    assert '<label class="ds-label" data-weight="regular" for="id_progress_0">' in body


def test_the_project_leader_reports_and_sees_it_as_the_latest_on_the_page(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    response = client.post(
        _url(spider),
        _form(
            progress=Rating.YELLOW,
            progress_comment="Fire uker forsinket.",
            summary="Hundvåg og Storhaug er i gang.",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/portefolje/tiltak/{spider.pk}/"
    report = StatusReport.objects.get()
    assert report.author is not None
    assert report.author.username == "prosjektleder"
    assert (report.progress, report.progress_comment) == (Rating.YELLOW, "Fire uker forsinket.")
    page = client.get(response["Location"])
    assert page.context["latest"].report == report
    assert "Hundvåg og Storhaug er i gang." in page.content.decode()


def test_earlier_reports_are_kept(spider: Initiative, login: Callable[[str], Client]) -> None:
    client = login("prosjektleder")
    client.post(_url(spider), _form(summary="Første"))
    client.post(_url(spider), _form(summary="Andre", risk=Rating.RED, risk_comment="Leverandør."))
    assert StatusReport.objects.filter(initiative=spider).count() == 2


def test_a_report_without_a_summary_is_refused(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("prosjektleder").post(_url(spider), _form(summary="  "))
    assert response.status_code == 400
    assert portfolio_state() == before


def test_a_missing_or_unknown_rating_is_refused(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    form = _form(economy="purple")
    del form["risk"]
    response = login("prosjektleder").post(_url(spider), form)
    assert response.status_code == 400
    assert {"economy", "risk"} <= set(response.context["form"].errors)
    assert portfolio_state() == before


@pytest.mark.parametrize("username", ["leser", "direktor", "eier", "gevinsteier"])
def test_others_cannot_report_on_it(
    username: str, spider: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login(username).post(_url(spider), _form())
    assert response.status_code == 403
    assert portfolio_state() == before


@pytest.mark.parametrize("aspect", ASPECTS)
def test_a_red_aspect_needs_a_comment(
    aspect: str, spider: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("prosjektleder").post(_url(spider), _form(**{aspect: Rating.RED}))
    assert response.status_code == 400
    assert response.context["form"].errors[f"{aspect}_comment"] == [
        "Skriv hvorfor dette er rødt, og hva som gjøres med det."
    ]
    assert portfolio_state() == before


def test_the_comment_of_a_red_aspect_is_marked_required(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    body = login("prosjektleder").get(_url(spider)).content.decode()
    assert "Påkrevd når vurderingen er rød" in body


def test_the_report_has_a_reporting_period_shown_on_the_page(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    response = client.post(_url(spider), _form())
    assert response.status_code == 302
    report = StatusReport.objects.get()
    assert (report.period_start, report.period_end) == (date(2026, 11, 1), date(2026, 11, 30))
    body = client.get(response["Location"]).content.decode()
    assert "1. november 2026 – 30. november 2026" in body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"period_start": ""}, "period_start", "Skriv datoen perioden begynner."),
        ({"period_end": ""}, "period_end", "Skriv datoen perioden slutter."),
        (
            {"period_start": "2026-12-01", "period_end": "2026-11-30"},
            "period_end",
            "Perioden kan ikke slutte før den begynner.",
        ),
        (
            {"period_start": "2099-01-01", "period_end": "2099-01-31"},
            "period_start",
            "Perioden kan ikke begynne etter at rapporten skrives.",
        ),
    ],
)
def test_a_bad_reporting_period_is_refused(
    changes: dict[str, str],
    field: str,
    message: str,
    spider: Initiative,
    login: Callable[[str], Client],
) -> None:
    before = portfolio_state()
    response = login("prosjektleder").post(_url(spider), _form(**changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert portfolio_state() == before
