"""The benefits realisation plan as an .xlsx workbook (benefits, indicators with their latest
measurement and achievement, measurements, budget cuts; numbers as numbers, dates as dates, text
never a formula), for everyone who reads the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.test import Client
from django.utils.translation import gettext as _

from helhet.benefits.figures import Trend
from helhet.organization.models import Municipality
from tests.benefits.export_helpers import (
    budget_cut,
    cells,
    measure,
    measured,
    other_benefits,
    sheets,
)
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.conftest import count_queries


def _xlsx_url(municipality: Municipality) -> str:
    return f"/gevinster/tiltak/{dispensers(municipality).pk}/gevinstplan.xlsx"


def test_xlsx_has_a_row_per_benefit_with_its_facts(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit(stavanger)

    response = login("leser").get(_xlsx_url(stavanger))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="gevinstplan-medisindispensere-' in response["Content-Disposition"]
    rows = sheets(response.content)["Gevinster"]
    assert rows[0][:3] == (_("Benefit"), "Beskrivelse", "Dimensjon")
    assert len(rows) == 2
    title, _description, dimension, category, kind, status, amount, unit, due = rows[1][:9]
    assert (title, dimension, category, kind, status) == (
        "Færre hjemmebesøk",
        "Økonomi",
        "Effektivisering",
        "Direkte (kroner)",
        "Planlagt",
    )
    assert amount == 1613764
    assert unit == "kr per år"
    assert due == datetime(2027, 12, 31)


def test_xlsx_stores_amounts_as_numbers_with_a_norwegian_format(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit(stavanger)

    content = login("leser").get(_xlsx_url(stavanger)).content

    row = cells(content, "Gevinster")[1]
    assert isinstance(row[6].value, int | float)
    assert row[6].number_format == "#,##0"
    assert row[8].number_format == "dd.mm.yyyy"


def test_xlsx_stores_a_formula_like_title_as_text(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit(stavanger, title='=HYPERLINK("http://evil.example","klikk")')

    rows = sheets(login("leser").get(_xlsx_url(stavanger)).content)["Gevinster"]

    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","klikk")'


def test_xlsx_lists_a_benefit_without_an_indicator(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit(stavanger)

    content = login("leser").get(_xlsx_url(stavanger)).content

    assert sheets(content)["Gevinster"][1][14] == 0
    assert sheets(content)["Indikatorer"][1:] == []


def test_xlsx_shows_each_indicator_with_its_latest_measurement_and_achievement(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measured(stavanger)

    content = login("leser").get(_xlsx_url(stavanger)).content

    row = sheets(content)["Indikatorer"][1]
    assert row[:4] == ("Færre hjemmebesøk", "Besøk per dag", "Antall", 69)
    assert row[5] == 31.5
    assert (row[8], row[9]) == (50, datetime(2026, 7, 1))
    assert round(row[10], 4) == round((50 - 69) / (31.5 - 69), 4)
    assert row[11] == Trend.IMPROVING.label
    assert cells(content, "Indikatorer")[1][10].number_format == "0 %"


def test_xlsx_says_achievement_cannot_be_computed_when_the_target_equals_the_baseline(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    visits = indicator(stavanger, target_value=Decimal(69))
    measure(visits, date(2026, 4, 1), "60")

    row = sheets(login("leser").get(_xlsx_url(stavanger)).content)["Indikatorer"][1]

    assert row[10] == _("cannot be computed (target equals baseline)")


def test_xlsx_has_every_measurement_with_its_comment(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measured(stavanger)

    rows = sheets(login("leser").get(_xlsx_url(stavanger)).content)["Målinger"]

    assert [row[2:4] for row in rows[1:]] == [
        (datetime(2026, 4, 1), 60),
        (datetime(2026, 7, 1), 50),
    ]
    assert rows[2][6] == "Etter utrulling i Hinna og Tasta"


def test_xlsx_has_the_budget_cuts(stavanger: Municipality, login: Callable[[str], Client]) -> None:
    budget_cut(benefit(stavanger), "Systemforvaltning", "800000.50", 2027)

    content = login("leser").get(_xlsx_url(stavanger)).content

    assert sheets(content)["Budsjettkutt"][1][:4] == (
        "Færre hjemmebesøk",
        "Systemforvaltning",
        2027,
        800000.5,
    )
    assert cells(content, "Budsjettkutt")[1][3].number_format == "#,##0.00"


def test_xlsx_takes_the_same_number_of_queries_for_a_large_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measured(stavanger)
    client = login("leser")
    few = count_queries(client, _xlsx_url(stavanger))

    other_benefits(dispensers(stavanger), 8)

    assert count_queries(client, _xlsx_url(stavanger)) == few
