"""The plan page /gevinster/tiltak/<pk>/: every benefit with its facts, owners and indicators."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db


def _plan(stavanger: Municipality) -> str:
    return f"/gevinster/tiltak/{dispensers(stavanger).pk}/"


def test_the_plan_shows_the_benefit_its_owner_and_its_indicator(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert "Færre hjemmebesøk" in page
    assert "1\u00a0613\u00a0764" in page
    assert User.objects.get(username="gevinsteier").get_full_name() in page
    assert "Besøk per dag" in page
    assert "31,5" in page
    assert 'datetime="2026-01-01"' in page


def test_a_benefit_without_an_indicator_still_shows(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit(stavanger)

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert "Færre hjemmebesøk" in page
    assert "hh-no-indicator" in page


def test_a_target_equal_to_the_baseline_is_said_not_divided_by(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger, target_value=Decimal(69))

    response = login("leser").get(_plan(stavanger))

    assert response.status_code == 200
    assert response.content.decode().count("hh-no-achievement") == 1


def test_a_target_apart_from_the_baseline_is_not_flagged(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert "hh-no-achievement" not in page


def test_an_initiative_without_benefits_says_so(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    page = login("leser").get(_plan(stavanger)).content.decode()

    assert 'id="no-benefits"' in page


def test_a_reader_sees_no_way_to_change_the_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = indicator(stavanger)

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert f"/gevinster/{found.benefit_id}/endre/" not in page
    assert "/ny/" not in page


def test_the_project_leader_is_offered_to_change_the_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = indicator(stavanger)

    page = login("prosjektleder").get(_plan(stavanger)).content.decode()

    assert f"/gevinster/tiltak/{found.benefit.initiative_id}/ny/" in page
    assert f"/gevinster/{found.benefit_id}/indikatorer/ny/" in page
    assert f"/gevinster/indikatorer/{found.pk}/endre/" in page


def test_the_initiative_page_links_to_the_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = dispensers(stavanger)

    page = login("leser").get(f"/portefolje/tiltak/{initiative.pk}/").content.decode()

    assert f'href="/gevinster/tiltak/{initiative.pk}/"' in page


def _grow(stavanger: Municipality, benefits: int, indicators: int) -> None:
    initiative = dispensers(stavanger)
    people = list(User.objects.filter(username__in=["gevinsteier", "eier", "direktor"]))
    for number in range(benefits):
        added = benefit_create(
            actor=None,
            initiative=initiative,
            title=f"Gevinst {number}",
            dimension="quality",
            category="other_actors",
            kind="indirect",
            planned_amount=Decimal(100),
            responsible=people[number % len(people)],
            owners=people,
        )
        for index in range(indicators):
            indicator_create(
                actor=None,
                benefit=added,
                name=f"Indikator {index}",
                unit="hours",
                baseline_value=Decimal(10),
                baseline_date=date(2026, 1, 1),
                target_value=Decimal(index),
                target_date=date(2027, 1, 1),
                frequency="yearly",
            )


def test_the_plan_takes_as_many_queries_for_one_benefit_as_for_many(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    indicator(stavanger)
    few = count_queries(client, _plan(stavanger))

    _grow(stavanger, benefits=6, indicators=4)
    many = count_queries(client, _plan(stavanger))

    assert many == few


def test_a_count_is_shown_as_a_bare_number_not_34_antall(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger, baseline_value=Decimal(34))

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert "34 antall" not in page
    assert "<td>34 <br>" in page


def test_a_benefit_planned_in_hours_never_speaks_of_an_amount(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit(stavanger, kind="indirect", planned_amount=Decimal(500))
    client = login("prosjektleder")

    plan = client.get(_plan(stavanger)).content.decode()
    found = benefit(stavanger)
    form = client.get(f"/gevinster/{found.pk}/endre/").content.decode()

    assert "beløp" not in plan.lower()
    assert "beløp" not in form.lower()


def test_kroner_with_ore_show_two_decimals(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit(stavanger, planned_amount=Decimal("8452.50"))
    indicator(stavanger, unit="nok", baseline_value=Decimal("8452.5"), target_value=Decimal(4032))

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert "8\u00a0452,50" in page
    assert "8\u00a0452,5 " not in page
    assert "4\u00a0032 kr" in page
