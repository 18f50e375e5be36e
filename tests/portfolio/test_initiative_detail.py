"""The initiative's page: every fact grouped, the latest status report first, and the history of
reports; edit links only for those who may change it."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import (
    AssessmentStatus,
    FundingSourceKind,
    GoalKind,
    GoalLevel,
    Initiative,
    InitiativeKind,
    RelationKind,
)
from helhet.portfolio.services import (
    FundingLine,
    goal_create,
    initiative_update,
    link_create,
    relation_add,
    status_report_create,
)
from tests.conftest import count_queries, unit_named
from tests.portfolio.conftest import MakeInitiative

GREEN_REPORT = {
    aspect: "green" for aspect in ("progress", "economy", "quality", "risk", "benefits")
}


def _url(initiative: Initiative) -> str:
    return f"/portefolje/tiltak/{initiative.pk}/"


def _report(initiative: Initiative, summary: str, **ratings: str) -> None:
    status_report_create(
        actor=User.objects.get(username="prosjektleder"),
        initiative=initiative,
        ratings={**GREEN_REPORT, **ratings},
        comments={
            **{aspect: "Forsinket." for aspect, rating in ratings.items() if rating == "red"},
            "risk": f"Risiko: {summary}",
        },
        summary=summary,
        period_start=date(2020, 1, 1),
        period_end=date(2020, 1, 31),
    )


@pytest.fixture
def spider(make_initiative: MakeInitiative, stavanger: Municipality) -> Initiative:
    initiative = make_initiative(
        "Spider",
        owning_unit="E-helse og velferdsteknologi",
        need="Ruteoptimalisering i hjemmesykepleien.",
        project_leader=User.objects.get(username="prosjektleder"),
        planned_start=date(2017, 5, 1),
        estimated_cost=Decimal("1613764"),
        processes_personal_data=True,
        ros_status=AssessmentStatus.PLANNED,
        m2m={"participating_units": [unit_named(stavanger, "Hundvåg hjemmebaserte tjenester")]},
        tags=["velferdsteknologi"],
        funding=[
            FundingLine(FundingSourceKind.DIGITALISATION_FUND, Decimal("300000")),
            FundingLine(FundingSourceKind.OWN_BUDGET, Decimal("1313764")),
        ],
    )
    goal = goal_create(
        actor=None,
        municipality=stavanger,
        name="Digitalt førstevalg",
        level=GoalLevel.MUNICIPAL,
        kind=GoalKind.GOAL,
    )
    initiative.goals.add(goal)
    return initiative


def test_the_page_shows_the_facts_grouped(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    body = login("leser").get(_url(spider)).content.decode()
    for fact in (
        "Ruteoptimalisering i hjemmesykepleien.",
        "E-helse og velferdsteknologi",
        "Hundvåg hjemmebaserte tjenester",
        "Hanne Vik",
        "Digitalt førstevalg",
        "velferdsteknologi",
    ):
        assert fact in body


def test_money_is_shown_in_kroner_with_thousands_separators(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    body = login("leser").get(_url(spider)).content.decode()
    assert "1\xa0613\xa0764 kr" in body  # the estimate, and the total of the funding sources
    assert "300\xa0000 kr" in body
    assert body.count("1\xa0613\xa0764 kr") == 2


def test_personal_data_without_a_finished_ros_is_highlighted(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    response = login("leser").get(_url(spider))
    assert response.context["privacy_warning"] is True
    assert 'id="privacy-warning"' in response.content.decode()


def test_a_finished_ros_and_an_assessed_dpia_are_not_highlighted(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    initiative_update(
        actor=None,
        initiative=spider,
        expected_version=spider.version,
        fields={
            "ros_status": AssessmentStatus.DONE,
            "ros_date": date(2021, 3, 1),
            "dpia_status": AssessmentStatus.NOT_NEEDED,
        },
    )
    response = login("leser").get(_url(spider))
    assert 'id="privacy-warning"' not in response.content.decode()


def test_personal_data_with_the_dpia_not_assessed_is_highlighted_like_a_missing_ros(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    initiative_update(
        actor=None,
        initiative=spider,
        expected_version=spider.version,
        fields={"ros_status": AssessmentStatus.DONE, "ros_date": date(2021, 3, 1)},
    )
    response = login("leser").get(_url(spider))
    body = response.content.decode()
    assert response.context["privacy_warning"] is True
    warning = body.split('id="privacy-warning"')[1].split("</div>")[0]
    assert "personvernkonsekvenser (DPIA) er ikke vurdert" in warning
    dpia_row = body.split("<dt>DPIA (personvernkonsekvensvurdering)</dt>")[1].split("</dd>")[0]
    assert "Mangler" in dpia_row


def test_the_latest_status_report_is_shown_with_colour_and_words(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    _report(spider, "Første rapport")
    _report(spider, "Forsinket levering", progress="red", risk="yellow")

    response = login("leser").get(_url(spider))
    body = response.content.decode()
    latest = body[body.index('id="latest-report"') : body.index('id="reports-heading"')]
    assert "Forsinket levering" in latest
    assert "Første rapport" not in latest
    assert 'data-color="danger"' in latest
    assert 'data-color="warning"' in latest
    assert response.context["latest"].overall_color == "danger"
    assert [item.report.summary for item in response.context["reports"]] == [
        "Forsinket levering",
        "Første rapport",
    ]


def test_relations_show_in_both_directions(
    spider: Initiative, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    datasjo = make_initiative("Datasjø")
    relation_add(actor=None, source=spider, target=datasjo, kind=RelationKind.DEPENDS_ON)

    client = login("leser")
    assert "Datasjø" in client.get(_url(spider)).content.decode()
    assert "Spider" in client.get(_url(datasjo)).content.decode()


def test_document_links_open_without_giving_the_other_site_a_handle(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    link_create(
        actor=None, initiative=spider, title="Sluttrapport", url="https://example.org/rapport"
    )
    body = login("leser").get(_url(spider)).content.decode()
    assert (
        '<a class="ds-link" href="https://example.org/rapport" rel="external noopener noreferrer">'
        "Sluttrapport</a>" in body
    )


def test_a_programme_lists_its_projects(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    programme = make_initiative("Omstilling 2025", kind=InitiativeKind.PROGRAMME)
    project = make_initiative("RPA")
    initiative_update(
        actor=None, initiative=project, expected_version=1, fields={"programme": programme}
    )

    body = login("leser").get(_url(programme)).content.decode()
    assert f'href="/portefolje/tiltak/{project.pk}/"' in body


@pytest.mark.parametrize("username", ["leser", "direktor", "gevinsteier", "eier"])
def test_those_who_may_not_change_it_read_it_without_edit_links(
    username: str, spider: Initiative, login: Callable[[str], Client]
) -> None:
    response = login(username).get(_url(spider))
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert f"/portefolje/tiltak/{spider.pk}/endre/" not in body
    assert f"/portefolje/tiltak/{spider.pk}/status/ny/" not in body


@pytest.mark.parametrize("username", ["prosjektleder", "portefolje", "admin"])
def test_those_who_may_change_it_get_the_links(
    username: str, spider: Initiative, login: Callable[[str], Client]
) -> None:
    body = login(username).get(_url(spider)).content.decode()
    for action in ("endre/", "status/ny/", "slett/", "relasjoner/ny/", "lenker/ny/"):
        assert f"/portefolje/tiltak/{spider.pk}/{action}" in body


def test_the_query_count_does_not_grow_with_reports_relations_and_links(
    spider: Initiative, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    _report(spider, "En")
    other = make_initiative("Datasjø")
    relation_add(actor=None, source=spider, target=other, kind=RelationKind.DEPENDS_ON)
    link_create(actor=None, initiative=spider, title="Mandat", url="https://example.org/1")
    few = count_queries(client, _url(spider))

    for index in range(8):
        _report(spider, f"Rapport {index}")
        more = make_initiative(f"Tiltak {index}")
        relation_add(actor=None, source=spider, target=more, kind=RelationKind.OVERLAPS)
        relation_add(actor=None, source=more, target=spider, kind=RelationKind.REPLACES)
        link_create(
            actor=None, initiative=spider, title=f"Dok {index}", url=f"https://example.org/{index}"
        )
    spider.contacts.add(User.objects.get(username="eier"), User.objects.get(username="direktor"))

    assert count_queries(client, _url(spider)) == few
