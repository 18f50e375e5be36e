"""Changing an initiative: every field, funding sources, and a refusal (409) with what changed
when someone else saved first."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.core.text import LONG_TEXT
from helhet.organization.models import Municipality
from helhet.portfolio.models import (
    FundingSourceKind,
    GoalKind,
    GoalLevel,
    Initiative,
    InitiativeStatus,
)
from helhet.portfolio.services import goal_create
from tests.conftest import unit_named
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.initiative_fixtures import edit_form, portfolio_state


def _url(initiative: Initiative) -> str:
    return f"/portefolje/tiltak/{initiative.pk}/endre/"


@pytest.fixture
def legevakt(make_initiative: MakeInitiative) -> Initiative:
    return make_initiative(
        "Legevaktprosjektet",
        owning_unit="Stavanger legevakt",
        project_leader=User.objects.get(username="prosjektleder"),
    )


def test_the_form_opens_with_the_saved_values_and_the_version(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    response = login("prosjektleder").get(_url(legevakt))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="version" value="1"' in body
    assert 'value="Legevaktprosjektet"' in body
    assert 'type="date"' in body


def test_the_own_project_leader_saves_dates_costs_units_goals_tags_and_funding(
    legevakt: Initiative, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    goal = goal_create(
        actor=None,
        municipality=stavanger,
        name="Bedre tjenester",
        level=GoalLevel.MUNICIPAL,
        kind=GoalKind.GOAL,
    )
    form = edit_form(
        legevakt,
        planned_start="2021-01-04",
        planned_end="2022-06-30",
        estimated_cost="1 250 000",
        participating_units=[str(unit_named(stavanger, "IT-avdelingen").pk)],
        goals=[str(goal.pk)],
        contacts=[str(User.objects.get(username="eier").pk)],
        tags="legevakt, helse, legevakt",
        **{
            "funding-0-source": FundingSourceKind.DIGITALISATION_FUND,
            "funding-0-amount": "300000,50",
            "funding-0-note": "Tildelt 2021",
        },
    )

    response = login("prosjektleder").post(_url(legevakt), form)

    assert response.status_code == 302
    assert response["Location"] == f"/portefolje/tiltak/{legevakt.pk}/"
    legevakt.refresh_from_db()
    assert legevakt.version == 2
    assert str(legevakt.planned_end) == "2022-06-30"
    assert legevakt.estimated_cost == Decimal("1250000")
    assert [unit.name for unit in legevakt.participating_units.all()] == ["IT-avdelingen"]
    assert list(legevakt.goals.all()) == [goal]
    assert [user.username for user in legevakt.contacts.all()] == ["eier"]
    assert sorted(legevakt.tags.values_list("name", flat=True)) == ["helse", "legevakt"]
    [source] = legevakt.funding_sources.all()
    assert (source.source, source.amount, source.note) == (
        FundingSourceKind.DIGITALISATION_FUND,
        Decimal("300000.50"),
        "Tildelt 2021",
    )


def test_an_emptied_funding_row_removes_the_source(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    client.post(
        _url(legevakt),
        edit_form(legevakt, **{"funding-0-source": "own_budget", "funding-0-amount": "1000"}),
    )
    assert legevakt.funding_sources.count() == 1

    client.post(
        _url(legevakt),
        edit_form(
            legevakt, **{"funding-0-source": "", "funding-0-amount": "", "funding-0-note": ""}
        ),
    )
    assert legevakt.funding_sources.count() == 0


def test_a_funding_row_without_an_amount_is_refused_and_nothing_changes(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("portefolje").post(
        _url(legevakt), edit_form(legevakt, name="Nytt navn", **{"funding-0-source": "eu"})
    )
    assert response.status_code == 400
    assert portfolio_state() == before


def test_stopping_without_a_reason_is_refused_and_nothing_changes(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("portefolje").post(
        _url(legevakt), edit_form(legevakt, status=InitiativeStatus.STOPPED, stop_reason="")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["stop_reason"]
    assert portfolio_state() == before


def test_a_two_megabyte_need_is_refused_with_the_limit_and_nothing_changes(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("portefolje").post(_url(legevakt), edit_form(legevakt, need="x" * 2_000_000))
    assert response.status_code == 400
    assert response.context["form"].errors["need"] == [
        f"Skriv høyst {LONG_TEXT} tegn (teksten har 2000000)."
    ]
    assert f'maxlength="{LONG_TEXT}"' in response.content.decode()
    assert portfolio_state() == before


def test_an_end_before_the_start_is_refused_on_the_end_date(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("portefolje").post(
        _url(legevakt), edit_form(legevakt, actual_start="2021-05-01", actual_end="2021-04-01")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["actual_end"]
    assert portfolio_state() == before


def test_text_in_the_cost_field_is_refused(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("portefolje").post(_url(legevakt), edit_form(legevakt, estimated_cost="mye"))
    assert response.status_code == 400
    assert response.context["form"].errors["estimated_cost"]
    assert portfolio_state() == before


def test_a_unit_or_goal_of_another_municipality_is_not_a_choice(
    legevakt: Initiative, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    bergen_goal = goal_create(
        actor=None, municipality=bergen, name="Bergen", level="municipal", kind="goal"
    )
    before = portfolio_state()
    response = login("portefolje").post(
        _url(legevakt),
        edit_form(
            legevakt,
            participating_units=[str(unit_named(bergen, "Digitaliseringsavdelingen").pk)],
            goals=[str(bergen_goal.pk)],
        ),
    )
    assert response.status_code == 400
    assert {"participating_units", "goals"} <= set(response.context["form"].errors)
    assert portfolio_state() == before


def test_a_person_outside_the_municipality_cannot_be_a_contact(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    outsider = User.objects.get(username="bergen-admin")
    before = portfolio_state()
    response = login("portefolje").post(
        _url(legevakt), edit_form(legevakt, contacts=[str(outsider.pk)])
    )
    assert response.status_code == 400
    assert portfolio_state() == before


def test_a_project_leader_cannot_change_someone_elses_initiative(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    datasjo = make_initiative("Datasjø")
    client = login("prosjektleder")
    before = portfolio_state()

    assert client.get(_url(datasjo)).status_code == 403
    assert client.post(_url(datasjo), edit_form(datasjo, name="Mitt nå")).status_code == 403
    assert portfolio_state() == before


def test_a_contact_person_with_a_project_role_may_change_it(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    datasjo = make_initiative("Datasjø", m2m={"contacts": [User.objects.get(username="eier")]})
    assert login("eier").get(_url(datasjo)).status_code == 200


@pytest.mark.parametrize("username", ["leser", "direktor", "gevinsteier"])
def test_readers_and_leaders_cannot_change_anything(
    username: str, legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login(username).post(_url(legevakt), edit_form(legevakt, name="Endret"))
    assert response.status_code == 403
    assert portfolio_state() == before


def test_a_save_after_someone_elses_save_is_refused_with_409_and_what_they_changed(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    mine = login("prosjektleder")
    theirs = login("portefolje")
    opened = edit_form(legevakt)  # both open version 1
    theirs.post(_url(legevakt), {**opened, "estimated_cost": "500000"})
    saved_by_them = portfolio_state()

    response = mine.post(_url(legevakt), {**opened, "need": "Færre ventetimer på legevakten."})

    body = response.content.decode()
    assert response.status_code == 409
    assert "Lars Eide" in body  # who saved first
    assert "500000" in body  # their value, shown as now saved
    assert portfolio_state() == saved_by_them  # nothing of the second save
    form = response.context["form"]
    assert form["need"].value() == "Færre ventetimer på legevakten."  # what they typed is kept
    assert form["estimated_cost"].value() == "500000.00"  # only the other changed it: theirs
    assert form["version"].value() == "2"


def test_after_the_conflict_a_deliberate_second_save_goes_through_keeping_both_changes(
    legevakt: Initiative, login: Callable[[str], Client]
) -> None:
    mine = login("prosjektleder")
    opened = edit_form(legevakt)
    login("portefolje").post(_url(legevakt), {**opened, "estimated_cost": "500000"})
    conflict = mine.post(_url(legevakt), {**opened, "need": "Færre ventetimer."})
    resubmitted = {
        name: conflict.context["form"][name].value() for name in ("need", "estimated_cost")
    }

    response = mine.post(_url(legevakt), {**opened, **resubmitted, "version": "2"})

    assert response.status_code == 302
    legevakt.refresh_from_db()
    assert legevakt.need == "Færre ventetimer."
    assert legevakt.estimated_cost == Decimal("500000")


def test_saved_amounts_are_shown_as_a_person_writes_them_and_save_unchanged(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative(
        "Medisindispensere", estimated_cost=Decimal("1613764"), actual_cost=Decimal("8452.50")
    )
    client = login("portefolje")
    body = client.get(_url(initiative)).content.decode()
    assert 'value="1 613 764"' in body
    assert 'value="8 452,50"' in body

    client.post(
        _url(initiative), edit_form(initiative, estimated_cost="1 613 764", actual_cost="8 452,50")
    )
    initiative.refresh_from_db()
    assert (initiative.estimated_cost, initiative.actual_cost) == (
        Decimal("1613764"),
        Decimal("8452.50"),
    )
