"""The benefits realisation plan's exports: the .xlsx workbook (benefits, indicators with their
latest measurement and achievement, measurements, budget cuts; numbers as numbers, dates as
dates, text never a formula) and the PDF (readable, with the Norwegian letters), for everyone who
reads the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.test import Client
from django.utils.translation import gettext as _

from helhet.benefits.calculator import MINUS, calculate
from helhet.benefits.exports.plan_pdf import plan_pdf
from helhet.benefits.figures import Trend
from helhet.benefits.selectors.plan import benefits_plan
from helhet.organization.models import Municipality
from tests.benefits.export_helpers import (
    budget_cut,
    cells,
    dispenser_calculation,
    measure,
    other_benefits,
    pdf_text,
    sheets,
)
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.conftest import count_queries

TODAY = date(2026, 11, 27)


def _xlsx_url(municipality: Municipality) -> str:
    return f"/gevinster/tiltak/{dispensers(municipality).pk}/gevinstplan.xlsx"


def _pdf_url(municipality: Municipality) -> str:
    return f"/gevinster/tiltak/{dispensers(municipality).pk}/gevinstplan.pdf"


def _pdf(municipality: Municipality) -> str:
    initiative = dispensers(municipality)
    content = plan_pdf(initiative, list(benefits_plan(initiative)), today=TODAY, compress=False)
    assert content.startswith(b"%PDF")
    return pdf_text(content)


def _measured(municipality: Municipality) -> None:
    """Visits a day measured twice: 60, then 50 (towards the target of 31.5 from 69)."""
    visits = indicator(municipality)
    measure(visits, date(2026, 4, 1), "60")
    measure(visits, date(2026, 7, 1), "50", "Etter utrulling i Hinna og Tasta")


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
    _measured(stavanger)

    content = login("leser").get(_xlsx_url(stavanger)).content

    row = sheets(content)["Indikatorer"][1]
    assert row[:4] == ("Færre hjemmebesøk", "Besøk per dag", "antall", 69)
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
    _measured(stavanger)

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
    _measured(stavanger)
    client = login("leser")
    few = count_queries(client, _xlsx_url(stavanger))

    other_benefits(dispensers(stavanger), 8)

    assert count_queries(client, _xlsx_url(stavanger)) == few


def test_pdf_download_is_a_pdf_named_for_the_initiative(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    benefit(stavanger)

    response = login("leser").get(_pdf_url(stavanger))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="gevinstplan-medisindispensere-' in response["Content-Disposition"]


def test_pdf_takes_the_same_number_of_queries_for_a_large_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _measured(stavanger)
    client = login("leser")
    few = count_queries(client, _pdf_url(stavanger))

    other_benefits(dispensers(stavanger), 8)

    assert count_queries(client, _pdf_url(stavanger)) == few


def test_pdf_has_the_title_the_initiative_and_the_date(stavanger: Municipality) -> None:
    benefit(stavanger)

    text = _pdf(stavanger)

    assert "Gevinstrealiseringsplan for Medisindispensere" in text
    assert "27. november 2026" in text
    assert "Færre hjemmebesøk" in text


def test_pdf_shows_the_benefits_facts(stavanger: Municipality) -> None:
    benefit(stavanger, preconditions="Alle brukere har fått dispenser.")

    text = _pdf(stavanger)

    for fact in (
        "Økonomi",
        "Effektivisering",
        "Planlagt",
        "1 613 764 kr per år",
        "31. desember 2027",
    ):
        assert fact in text
    assert "Alle brukere har fått dispenser." in text


def test_pdf_shows_the_indicators_latest_measurement_and_achievement(
    stavanger: Municipality,
) -> None:
    _measured(stavanger)

    text = _pdf(stavanger)

    assert "Besøk per dag" in text
    assert "50 antall" in text
    assert "51 %" in text


def test_pdf_says_achievement_cannot_be_computed_when_the_target_equals_the_baseline(
    stavanger: Municipality,
) -> None:
    indicator(stavanger, target_value=Decimal(69))

    assert _("cannot be computed (target equals baseline)") in _pdf(stavanger)


def test_pdf_lists_the_budget_cuts(stavanger: Municipality) -> None:
    budget_cut(benefit(stavanger), "Systemforvaltning", "800000", 2027)

    text = _pdf(stavanger)

    assert "Systemforvaltning" in text
    assert "800 000" in text


def test_pdf_shows_the_calculation_and_where_the_source_disagrees_with_it(
    stavanger: Municipality,
) -> None:
    calculation = dispenser_calculation(benefit(stavanger))

    text = _pdf(stavanger)

    assert "Forvaltningsrevisjon, tabell 4" in text
    assert "8 452,5 kr" in text
    explanations = calculate(calculation).explanations()
    assert explanations
    for explanation in explanations:
        assert explanation.replace(MINUS, "-").replace("\u00a0", " ") in text


def test_pdf_of_a_plan_without_benefits_says_so(stavanger: Municipality) -> None:
    dispensers(stavanger)

    assert "Dette tiltaket har ingen gevinstrealiseringsplan ennå" in _pdf(stavanger)
