"""The benefits realisation plan as a PDF (readable, with the Norwegian letters), for everyone
who reads the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.test import Client
from django.utils.translation import gettext as _

from helhet.benefits.calculator import calculate
from helhet.benefits.exports.plan_pdf import plan_pdf
from helhet.benefits.selectors.plan import benefits_plan
from helhet.core.formats import MINUS
from helhet.organization.models import Municipality
from tests.benefits.export_helpers import (
    budget_cut,
    dispenser_calculation,
    measured,
    other_benefits,
    pdf_text,
)
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.conftest import count_queries

TODAY = date(2026, 11, 27)


def _pdf_url(municipality: Municipality) -> str:
    return f"/gevinster/tiltak/{dispensers(municipality).pk}/gevinstplan.pdf"


def _pdf(municipality: Municipality) -> str:
    initiative = dispensers(municipality)
    content = plan_pdf(initiative, list(benefits_plan(initiative)), today=TODAY, compress=False)
    assert content.startswith(b"%PDF")
    return pdf_text(content)


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
    measured(stavanger)
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
    measured(stavanger)

    text = _pdf(stavanger)

    assert "Besøk per dag" in text
    assert "50 antall" not in text  # a count is a bare number
    assert "50\n" in text or "50 " in text
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
    assert "8 452,50 kr" in text
    explanations = calculate(calculation).explanations()
    assert explanations
    for explanation in explanations:
        assert explanation.replace(MINUS, "-").replace("\u00a0", " ") in text


def test_pdf_of_a_plan_without_benefits_says_so(stavanger: Municipality) -> None:
    dispensers(stavanger)

    assert "Dette tiltaket har ingen gevinstrealiseringsplan ennå" in _pdf(stavanger)
