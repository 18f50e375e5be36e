"""The strategic goals: a tree everyone in the portfolio reads, with how many initiatives serve
each goal; the portfolio office and the administrator maintain it."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.organization.models import Municipality
from helhet.portfolio.models import GoalKind, GoalLevel, Initiative, StrategicGoal
from helhet.portfolio.services import goal_create
from tests.conftest import count_queries
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.initiative_fixtures import portfolio_state


def _goal(
    municipality: Municipality, name: str, parent: StrategicGoal | None = None, **kw: str
) -> StrategicGoal:
    return goal_create(
        actor=None,
        municipality=municipality,
        name=name,
        level=kw.get("level", GoalLevel.MUNICIPAL),
        kind=kw.get("kind", GoalKind.GOAL if parent else GoalKind.STRATEGY),
        parent=parent,
    )


@pytest.fixture
def strategy(stavanger: Municipality) -> StrategicGoal:
    return _goal(stavanger, "Digitaliseringsstrategi 2014–2029")


def test_the_tree_shows_goals_below_their_strategy_with_the_number_of_initiatives(
    strategy: StrategicGoal,
    stavanger: Municipality,
    make_initiative: MakeInitiative,
    login: Callable[[str], Client],
) -> None:
    first = _goal(stavanger, "Digitalt førstevalg", strategy)
    make_initiative("MinSide").goals.add(first)
    make_initiative("FIKS").goals.add(first)

    response = login("leser").get("/portefolje/mal/")

    body = response.content.decode()
    assert response.status_code == 200
    [root] = response.context["tree"]
    assert root.goal == strategy
    assert [(c.goal, c.initiatives) for c in root.children] == [(first, 2)]
    assert body.index("Digitaliseringsstrategi 2014–2029") < body.index("Digitalt førstevalg")
    assert "/portefolje/mal/ny/" not in body  # a reader does not maintain goals


def test_the_goal_list_makes_the_same_number_of_queries_for_many_goals(
    strategy: StrategicGoal,
    stavanger: Municipality,
    make_initiative: MakeInitiative,
    login: Callable[[str], Client],
) -> None:
    client = login("portefolje")
    few = count_queries(client, "/portefolje/mal/")
    for index in range(10):
        goal = _goal(stavanger, f"Mål {index}", strategy)
        _goal(stavanger, f"Fokusområde {index}", goal, kind=GoalKind.FOCUS_AREA)
        make_initiative(f"Tiltak {index}").goals.add(goal)
    assert count_queries(client, "/portefolje/mal/") == few


def test_the_portfolio_office_creates_a_goal_below_a_strategy(
    strategy: StrategicGoal, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    preselected = client.get(f"/portefolje/mal/ny/?parent={strategy.pk}").context["form"]
    assert preselected["parent"].value() == strategy.pk
    response = client.post(
        "/portefolje/mal/ny/",
        {
            "name": "Mer åpenhet og tilgjengelighet",
            "parent": str(strategy.pk),
            "level": GoalLevel.MUNICIPAL,
            "kind": GoalKind.GOAL,
            "description": "",
            "position": "2",
        },
    )
    assert response.status_code == 302
    goal = StrategicGoal.objects.get(name="Mer åpenhet og tilgjengelighet")
    assert goal.parent == strategy
    assert goal.history.get().history_user.username == "portefolje"


def test_a_goal_cannot_be_placed_below_itself(
    strategy: StrategicGoal, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    child = _goal(stavanger, "Digitalt førstevalg", strategy)
    before = portfolio_state()
    response = login("portefolje").post(
        f"/portefolje/mal/{strategy.pk}/endre/",
        {
            "name": strategy.name,
            "parent": str(child.pk),
            "level": strategy.level,
            "kind": strategy.kind,
            "position": "0",
        },
    )
    assert response.status_code == 400
    assert portfolio_state() == before


def test_a_goal_of_another_municipality_is_not_a_parent(
    bergen: Municipality, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    theirs = _goal(bergen, "Bergens strategi")
    before = portfolio_state()
    response = login("portefolje").post(
        "/portefolje/mal/ny/",
        {
            "name": "X",
            "parent": str(theirs.pk),
            "level": "municipal",
            "kind": "goal",
            "position": "0",
        },
    )
    assert response.status_code == 400
    assert portfolio_state() == before


def test_the_portfolio_office_renames_a_goal_and_the_history_shows_it(
    strategy: StrategicGoal, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    client.post(
        f"/portefolje/mal/{strategy.pk}/endre/",
        {
            "name": "Digitaliseringsstrategien",
            "parent": "",
            "level": "municipal",
            "kind": "strategy",
            "position": "0",
        },
    )
    body = client.get(f"/portefolje/mal/{strategy.pk}/historikk/").content.decode()
    assert "Digitaliseringsstrategi 2014–2029 → Digitaliseringsstrategien" in body


def test_a_goal_with_goals_below_it_is_not_deleted(
    strategy: StrategicGoal, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _goal(stavanger, "Digitalt førstevalg", strategy)
    client = login("portefolje")
    page = client.get(f"/portefolje/mal/{strategy.pk}/slett/")
    assert page.context["has_children"] is True
    before = portfolio_state()

    response = client.post(f"/portefolje/mal/{strategy.pk}/slett/")

    assert response.status_code == 400
    assert response.context["error"]
    assert portfolio_state() == before


def test_deleting_a_goal_keeps_the_initiatives_that_served_it(
    strategy: StrategicGoal, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    minside = make_initiative("MinSide")
    minside.goals.add(strategy)
    client = login("portefolje")
    page = client.get(f"/portefolje/mal/{strategy.pk}/slett/")
    assert page.context["initiative_count"] == 1

    response = client.post(f"/portefolje/mal/{strategy.pk}/slett/")

    assert response.status_code == 302
    assert not StrategicGoal.objects.exists()
    assert Initiative.objects.get(pk=minside.pk).goals.count() == 0


@pytest.mark.parametrize("username", ["leser", "direktor", "eier", "prosjektleder"])
def test_only_the_portfolio_office_and_admin_maintain_goals(
    username: str, strategy: StrategicGoal, login: Callable[[str], Client]
) -> None:
    client = login(username)
    before = portfolio_state()
    form = {"name": "X", "parent": "", "level": "municipal", "kind": "goal", "position": "0"}
    answers = [
        client.post("/portefolje/mal/ny/", form).status_code,
        client.post(f"/portefolje/mal/{strategy.pk}/endre/", form).status_code,
        client.post(f"/portefolje/mal/{strategy.pk}/slett/").status_code,
    ]
    assert answers == [403, 403, 403]
    assert portfolio_state() == before


def test_another_municipalitys_goal_is_not_found_as_preselected_parent(
    strategy: StrategicGoal, login: Callable[[str], Client]
) -> None:
    response = login("bergen-admin").get(f"/portefolje/mal/ny/?parent={strategy.pk}")
    assert response.status_code == 404
