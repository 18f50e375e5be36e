"""Writing a status report: five ratings with comments and a summary; kept as history."""

from collections.abc import Callable
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
    assert body.count("<fieldset") == 5
    assert body.count("<legend") == 5
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
    client.post(_url(spider), _form(summary="Andre", risk=Rating.RED))
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
