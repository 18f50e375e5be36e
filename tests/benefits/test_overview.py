"""The benefits overview page /gevinster/: key figures, charts with text alternatives and tables,
filters, the lists linking to each benefit's plan, budget cuts flagged as a risk, and a fixed
number of queries however many benefits there are."""

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.utils.translation import gettext as _

from helhet.organization.models import Municipality
from tests.benefits.overview_helpers import add_benefit, add_indicator, cut, initiative, measure
from tests.conftest import count_queries, unit_named

pytestmark = pytest.mark.django_db

URL = "/gevinster/"


def _dispensers(stavanger: Municipality) -> None:
    benefit = add_benefit(
        initiative(stavanger, "Medisindispensere"), "Lavere årskostnad", planned=1613764
    )
    yearly = add_indicator(benefit, unit="nok", baseline=3085163, target=1471399)
    measure(yearly, date(2026, 1, 1), 2000000)


def test_the_overview_shows_planned_and_realised_kroner(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _dispensers(stavanger)

    page = login("direktor").get(URL).content.decode()

    assert 'id="planned-nok">1\u00a0613\u00a0764 kr' in page
    assert 'id="realised-nok">1\u00a0085\u00a0163 kr' in page


def test_freed_time_shows_as_hours_and_as_full_time_equivalents(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    add_benefit(initiative(stavanger, "Robin"), "Spart tid", kind="indirect", planned=2000)

    page = login("leser").get(URL).content.decode()

    assert _("%(hours)s hours") % {"hours": "2\u00a0000"} in page
    assert _("equals %(fte)s full-time equivalents") % {"fte": "1,2"} in page


def test_every_chart_has_a_title_a_description_and_a_table_with_the_same_figures(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _dispensers(stavanger)
    add_benefit(initiative(stavanger, "Robin"), "Spart tid", kind="indirect", planned=2000)

    page = login("leser").get(URL).content.decode()

    for chart in ("dimension-nok", "dimension-hours", "department-nok", "department-hours"):
        assert f'aria-labelledby="chart-{chart}-title chart-{chart}-desc"' in page
        assert f'<title id="chart-{chart}-title">' in page
        assert f'<desc id="chart-{chart}-desc">' in page
    assert "Helse og velferd: " in page  # the description names the service area's figures
    for table in ("dimension-table", "department-table", "year-table", "status-table"):
        assert f'id="{table}"' in page
    assert page.count("<caption>") >= 6


def test_a_breakdown_line_links_to_the_overview_narrowed_to_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _dispensers(stavanger)
    area = unit_named(stavanger, "Helse og velferd")

    page = login("leser").get(URL).content.decode()

    assert 'href="/gevinster/?dimension=economy"' in page
    assert f'href="/gevinster/?unit={area.pk}"' in page


def test_a_filter_narrows_the_figures_and_can_be_removed(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _dispensers(stavanger)
    add_benefit(initiative(stavanger, "Robin"), "Færre feil", planned=50, dimension="quality")

    response = login("leser").get(URL, {"dimension": "quality"})
    page = response.content.decode()

    assert response.status_code == 200
    assert 'id="benefit-count">1<' in page
    assert 'id="planned-nok">50 kr' in page
    assert 'id="active-filters-heading"' in page


def test_empty_filters_are_dropped_from_the_address(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("leser").get(URL, {"dimension": "quality", "year": "", "unit": ""})

    assert response.status_code == 302
    assert response["Location"] == "/gevinster/?dimension=quality"


def test_an_invalid_filter_is_ignored_and_said(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _dispensers(stavanger)

    response = login("leser").get(URL, {"year": "i fjor"})

    assert response.status_code == 200
    assert 'id="benefit-count">1<' in response.content.decode()
    assert _("Some filters in the address could not be used and are ignored.") in (
        response.content.decode()
    )


def test_another_municipalitys_initiative_as_filter_shows_nothing_of_it(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    _dispensers(stavanger)
    theirs = initiative(bergen, "Bergens tiltak", unit="Digitaliseringsavdelingen")
    add_benefit(theirs, "Bergens hemmelige gevinst", planned=999, owners=())

    page = login("leser").get(URL, {"initiative": theirs.pk}).content.decode()

    assert "Bergens" not in page
    assert 'id="benefit-count">1<' in page  # the filter is ignored, not applied


def test_the_lists_link_to_each_benefit_in_its_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit = add_benefit(initiative(stavanger, "Spider"), "Uten eier", planned=1, owners=())

    page = login("leser").get(URL).content.decode()

    assert f'href="/gevinster/tiltak/{benefit.initiative_id}/#benefit-{benefit.pk}"' in page


def test_a_cut_before_the_benefit_is_realised_is_flagged_in_words(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit = add_benefit(initiative(stavanger, "Spider"), "Spart kjøring", planned=500000)
    cut(benefit, 500000, 2020)

    page = login("leser").get(URL).content.decode()

    assert 'id="cuts-at-risk"' in page
    assert _("Cut before the benefit is realised") in page


def test_only_those_who_may_change_the_settings_see_the_link(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    assert 'id="settings-link"' in login("portefolje").get(URL).content.decode()
    assert 'id="settings-link"' not in login("leser").get(URL).content.decode()


def _benefits_with_measurements(stavanger: Municipality, numbers: range) -> None:
    """Benefits of every kind, half without an owner, with two measurements each (but the
    qualitative), budget cuts, and as many initiatives without a plan."""
    for number in numbers:
        kind = ("direct", "indirect", "qualitative")[number % 3]
        benefit = add_benefit(
            initiative(stavanger, f"Tiltak {number:03d}"),
            f"Gevinst {number:03d}",
            kind=kind,
            planned=None if kind == "qualitative" else 1000 + number,
            owners=() if number % 2 else ("gevinsteier",),
            due_date=date(2026 + number % 3, 12, 31),
        )
        if kind != "qualitative":
            unit = "nok" if kind == "direct" else "hours"
            indicator = add_indicator(benefit, unit=unit, baseline=2000, target=1000)
            measure(indicator, date(2025, 6, 1), 1800)
            measure(indicator, date(2026, 1, 1), 1500)
        if kind == "direct":
            cut(benefit, 100, 2025)
        initiative(stavanger, f"Uten plan {number:03d}")


def test_the_overview_takes_the_same_number_of_queries_for_3_and_30_benefits(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    _benefits_with_measurements(stavanger, range(3))
    few = count_queries(client, URL)

    _benefits_with_measurements(stavanger, range(3, 30))
    many = count_queries(client, URL)

    assert few == many


def test_the_filtered_overview_takes_the_same_number_of_queries_for_3_and_30_benefits(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    area = unit_named(stavanger, "Helse og velferd")
    path = f"{URL}?unit={area.pk}&overdue=on&year=2027"
    _benefits_with_measurements(stavanger, range(3))
    few = count_queries(client, path)

    _benefits_with_measurements(stavanger, range(3, 30))
    many = count_queries(client, path)

    assert few == many
