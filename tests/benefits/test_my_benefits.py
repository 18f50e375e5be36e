"""My benefits (/gevinster/mine/ and the selector behind it): what a person owns or answers for,
grouped overdue, due, not due and ended, including benefits of closed projects."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils.translation import gettext as _

from helhet.benefits.models import Benefit, BenefitStatus
from helhet.benefits.selectors.follow_up import BenefitFollowUp, my_benefits
from helhet.benefits.services.plan import benefit_create
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeStatus
from tests.benefits.follow_up import days_ago, indicator_on, owned_benefit, record
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.conftest import count_queries, membership_of
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db

JUNE = date(2026, 6, 15)


def _titles(rows: tuple[BenefitFollowUp, ...]) -> list[str]:
    return [row.benefit.title for row in rows]


def _grouped(stavanger: Municipality) -> None:
    """Overdue: the dispensers' visits (quarterly, never measured since January). Due soon: a
    quarterly indicator measured on 20 March. Not due: one measured in June. Ended: a
    realised benefit."""
    indicator(stavanger)
    due = indicator_on(owned_benefit(stavanger, "Snart"), name="Snart målt")
    record(due, date(2026, 3, 20), "65")
    fresh = indicator_on(owned_benefit(stavanger, "Nylig"), name="Nylig målt")
    record(fresh, date(2026, 6, 1), "70")
    owned_benefit(stavanger, "Ferdig", status=BenefitStatus.REALISED)


def test_the_owners_benefits_are_grouped_by_what_needs_doing(stavanger: Municipality) -> None:
    _grouped(stavanger)

    mine = my_benefits(membership_of("gevinsteier"), today=JUNE)

    assert _titles(mine.overdue) == ["Færre hjemmebesøk"]
    assert _titles(mine.due) == ["Snart"]
    assert _titles(mine.not_due) == ["Nylig"]
    assert _titles(mine.ended) == ["Ferdig"]


def test_the_responsible_line_manager_sees_the_benefits_they_answer_for(
    stavanger: Municipality,
) -> None:
    indicator(stavanger)  # the demo project owner (eier) answers for it

    mine = my_benefits(membership_of("eier"), today=JUNE)

    assert _titles(mine.overdue) == ["Færre hjemmebesøk"]


def test_other_peoples_benefits_are_not_mine(stavanger: Municipality) -> None:
    owned_benefit(stavanger, "Direktørens", owners=("direktor",))

    assert my_benefits(membership_of("gevinsteier"), today=JUNE).count == 0


def test_a_benefit_of_a_closed_project_is_followed_up_until_it_is_realised(
    stavanger: Municipality,
) -> None:
    indicator(stavanger)
    initiative = dispensers(stavanger)
    initiative.status = InitiativeStatus.COMPLETED
    initiative.save()

    mine = my_benefits(membership_of("gevinsteier"), today=JUNE)

    assert _titles(mine.overdue) == ["Færre hjemmebesøk"]


def test_a_benefit_without_an_indicator_still_shows(stavanger: Municipality) -> None:
    owned_benefit(stavanger, "Uten indikator")

    mine = my_benefits(membership_of("gevinsteier"), today=JUNE)

    assert _titles(mine.not_due) == ["Uten indikator"]
    assert mine.not_due[0].indicators == ()


def test_the_page_shows_latest_value_achievement_and_a_way_to_record(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = indicator(stavanger)
    record(found, days_ago(5), "50")

    page = login("gevinsteier").get("/gevinster/mine/").content.decode()

    assert "Færre hjemmebesøk" in page
    assert "Besøk per dag" in page
    assert "51\u00a0%" in page
    assert f"/gevinster/indikatorer/{found.pk}/maalinger/ny/?next=/gevinster/mine/" in page


def test_the_page_names_the_overdue_group(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)

    page = login("gevinsteier").get("/gevinster/mine/").content.decode()

    assert 'id="group-overdue"' in page
    assert _("Measurements overdue") in page


def test_someone_who_owns_nothing_is_told_so_kindly(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)

    response = login("leser").get("/gevinster/mine/")

    assert response.status_code == 200
    assert 'id="no-benefits"' in response.content.decode()


def test_another_municipalitys_benefits_are_not_shown(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)

    page = login("bergen-admin").get("/gevinster/mine/").content.decode()

    assert "Færre hjemmebesøk" not in page


def test_the_start_page_counts_my_overdue_benefits_and_links_to_them(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)

    page = login("gevinsteier").get("/").content.decode()

    assert 'id="home-my-benefits"' in page
    assert 'href="/gevinster/mine/"' in page


def test_the_start_page_says_nothing_of_benefits_to_someone_who_owns_none(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)

    assert 'id="home-my-benefits"' not in login("leser").get("/").content.decode()


def _many(stavanger: Municipality, count: int) -> None:
    initiatives = [
        project(stavanger, f"Tiltak {number}", method=None) for number in range(count // 4 + 1)
    ]
    for number in range(count):
        added = owned_benefit(
            stavanger,
            f"Gevinst {number}",
            initiative=initiatives[number % len(initiatives)],
            status=BenefitStatus.REALISED if number % 5 == 0 else BenefitStatus.PLANNED,
        )
        measured = indicator_on(added, name=f"Indikator {number}")
        if added.status == BenefitStatus.PLANNED:
            record(measured, days_ago(number + 1), "70")
        indicator_on(added, name=f"Annen {number}", frequency="monthly")


def test_my_benefits_takes_as_many_queries_for_2_benefits_as_for_20(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("gevinsteier")
    _many(stavanger, 2)
    few = count_queries(client, "/gevinster/mine/")

    _many(stavanger, 20)
    many = count_queries(client, "/gevinster/mine/")

    assert Benefit.objects.filter(owners__username="gevinsteier").count() == 22
    assert many == few


def test_the_start_page_takes_as_many_queries_with_many_benefits(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("gevinsteier")
    benefit(stavanger)
    few = count_queries(client, "/")

    for number in range(10):
        benefit_create(
            actor=None,
            initiative=dispensers(stavanger),
            title=f"Mer {number}",
            dimension="economy",
            category="efficiency",
            kind="direct",
            planned_amount=Decimal(1000),
            owners=[membership_of("gevinsteier").user],
        )

    assert count_queries(client, "/") == few
