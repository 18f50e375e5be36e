"""Related initiatives and document links: added and removed by those who may change the
initiative, within the municipality."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeLink, InitiativeRelation, RelationKind
from helhet.portfolio.services import link_create, relation_add
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.initiative_fixtures import portfolio_state


@pytest.fixture
def spider(make_initiative: MakeInitiative) -> Initiative:
    return make_initiative(
        "Spider",
        owning_unit="E-helse og velferdsteknologi",
        project_leader=User.objects.get(username="prosjektleder"),
    )


def test_the_project_leader_adds_a_relation_shown_on_both_pages(
    spider: Initiative, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    datasjo = make_initiative("Datasjø")
    client = login("prosjektleder")
    response = client.post(
        f"/portefolje/tiltak/{spider.pk}/relasjoner/ny/",
        {"kind": RelationKind.DEPENDS_ON, "target": str(datasjo.pk)},
    )
    assert response.status_code == 302
    relation = InitiativeRelation.objects.get()
    assert (relation.source, relation.target, relation.kind) == (
        spider,
        datasjo,
        RelationKind.DEPENDS_ON,
    )
    assert "Spider" in client.get(f"/portefolje/tiltak/{datasjo.pk}/").content.decode()


def test_a_relation_to_itself_or_twice_is_refused(
    spider: Initiative, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    datasjo = make_initiative("Datasjø")
    relation_add(actor=None, source=spider, target=datasjo, kind=RelationKind.OVERLAPS)
    client = login("prosjektleder")
    before = portfolio_state()
    url = f"/portefolje/tiltak/{spider.pk}/relasjoner/ny/"

    itself = client.post(url, {"kind": RelationKind.OVERLAPS, "target": str(spider.pk)})
    twice = client.post(url, {"kind": RelationKind.OVERLAPS, "target": str(datasjo.pk)})

    assert (itself.status_code, twice.status_code) == (400, 400)
    assert twice.context["form"].errors["target"]
    assert portfolio_state() == before


def test_an_initiative_of_another_municipality_cannot_be_related(
    spider: Initiative,
    make_initiative: MakeInitiative,
    bergen: Municipality,
    login: Callable[[str], Client],
) -> None:
    theirs = make_initiative("Bergen-tiltak", municipality=bergen, owning_unit="Finans")
    before = portfolio_state()
    response = login("prosjektleder").post(
        f"/portefolje/tiltak/{spider.pk}/relasjoner/ny/",
        {"kind": RelationKind.DEPENDS_ON, "target": str(theirs.pk)},
    )
    assert response.status_code == 400
    assert "Bergen-tiltak" not in response.content.decode()
    assert portfolio_state() == before


def test_the_project_leader_removes_a_relation_after_confirming(
    spider: Initiative, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    relation = relation_add(
        actor=None, source=spider, target=make_initiative("Datasjø"), kind=RelationKind.REPLACES
    )
    client = login("prosjektleder")
    url = f"/portefolje/relasjoner/{relation.pk}/slett/"
    assert client.get(url).status_code == 200
    assert InitiativeRelation.objects.exists()

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/portefolje/tiltak/{spider.pk}/"
    assert not InitiativeRelation.objects.exists()


def test_a_relation_from_someone_elses_initiative_cannot_be_removed_by_the_target_leader(
    spider: Initiative, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    relation = relation_add(
        actor=None, source=make_initiative("Datasjø"), target=spider, kind=RelationKind.DEPENDS_ON
    )
    before = portfolio_state()
    response = login("prosjektleder").post(f"/portefolje/relasjoner/{relation.pk}/slett/")
    assert response.status_code == 403
    assert portfolio_state() == before


def test_the_project_leader_adds_a_document_link(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    response = login("prosjektleder").post(
        f"/portefolje/tiltak/{spider.pk}/lenker/ny/",
        {"title": "Gevinstrealiseringsplan", "url": "https://sharepoint.example/spider/plan.docx"},
    )
    assert response.status_code == 302
    link = InitiativeLink.objects.get()
    assert (link.initiative, link.title) == (spider, "Gevinstrealiseringsplan")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://filer.example/plan.docx", "data:text/html,hei", "plan"]
)
def test_only_web_addresses_are_accepted_as_links(
    url: str, spider: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("prosjektleder").post(
        f"/portefolje/tiltak/{spider.pk}/lenker/ny/", {"title": "Plan", "url": url}
    )
    assert response.status_code == 400
    assert portfolio_state() == before


def test_the_project_leader_removes_a_link_after_confirming(
    spider: Initiative, login: Callable[[str], Client]
) -> None:
    link = link_create(actor=None, initiative=spider, title="Mandat", url="https://example.org/m")
    client = login("prosjektleder")
    url = f"/portefolje/lenker/{link.pk}/slett/"
    assert "Mandat" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not InitiativeLink.objects.exists()


@pytest.mark.parametrize("username", ["leser", "direktor", "eier"])
def test_those_who_may_not_change_the_initiative_cannot_add_or_remove(
    username: str,
    spider: Initiative,
    make_initiative: MakeInitiative,
    login: Callable[[str], Client],
) -> None:
    datasjo = make_initiative("Datasjø")
    relation = relation_add(actor=None, source=spider, target=datasjo, kind=RelationKind.OVERLAPS)
    link = link_create(actor=None, initiative=spider, title="Mandat", url="https://example.org/m")
    client = login(username)
    before = portfolio_state()

    answers = [
        client.post(
            f"/portefolje/tiltak/{spider.pk}/relasjoner/ny/",
            {"kind": RelationKind.DEPENDS_ON, "target": str(datasjo.pk)},
        ).status_code,
        client.post(f"/portefolje/relasjoner/{relation.pk}/slett/").status_code,
        client.post(
            f"/portefolje/tiltak/{spider.pk}/lenker/ny/",
            {"title": "X", "url": "https://example.org/x"},
        ).status_code,
        client.post(f"/portefolje/lenker/{link.pk}/slett/").status_code,
    ]

    assert answers == [403, 403, 403, 403]
    assert portfolio_state() == before


def test_another_municipalitys_relation_and_link_are_not_found(
    spider: Initiative, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    relation = relation_add(
        actor=None, source=spider, target=make_initiative("Datasjø"), kind=RelationKind.OVERLAPS
    )
    link = link_create(actor=None, initiative=spider, title="Mandat", url="https://example.org/m")
    client = login("bergen-admin")
    before = portfolio_state()
    assert client.post(f"/portefolje/relasjoner/{relation.pk}/slett/").status_code == 404
    assert client.post(f"/portefolje/lenker/{link.pk}/slett/").status_code == 404
    assert portfolio_state() == before
