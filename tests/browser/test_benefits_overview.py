"""The portfolio office opens the benefits overview, narrows it to one dimension, follows a
benefit without an owner to its plan, and changes the hours in a full-time equivalent. axe runs on
every page, including the settings form sent back with an error."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from helhet.benefits.models import Measurement
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.browser


def test_the_portfolio_office_filters_the_overview_by_dimension(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    dispensers = project(stavanger, "Medisindispensere", method=None)
    saving = benefit_create(
        actor=None,
        initiative=dispensers,
        title="Lavere årskostnad",
        dimension="economy",
        category="efficiency",
        kind="direct",
        planned_amount=Decimal(1613764),
    )
    yearly = indicator_create(
        actor=None,
        benefit=saving,
        name="Årskostnad",
        unit="nok",
        baseline_value=Decimal(3085163),
        baseline_date=date(2025, 1, 1),
        target_value=Decimal(1471399),
        target_date=date(2027, 12, 31),
        frequency="yearly",
        measures_amount=True,
    )
    Measurement.objects.create(
        municipality=stavanger, indicator=yearly, measured_on=date(2026, 1, 1), value=2000000
    )
    quality = benefit_create(
        actor=None,
        initiative=dispensers,
        title="Tryggere medisinering",
        dimension="quality",
        category="quality",
        kind="qualitative",
    )

    office = new_page(user="portefolje")
    visit(office, "/gevinster/")
    expect(office.locator("#benefit-count")).to_have_text("2")
    expect(office.locator("#chart-dimension-nok")).to_be_visible()
    expect(office.locator("#dimension-table tbody tr")).to_have_count(4)

    office.locator("#id_dimension").select_option("quality")
    submit(office, "#filter-form")
    assert path_of(office) == "/gevinster/?dimension=quality"
    expect(office.locator("#benefit-count")).to_have_text("1")
    expect(office.locator("#active-filters-heading")).to_be_visible()

    follow(office, office.locator(f'#without-owner a[href$="#benefit-{quality.pk}"]'))
    assert path_of(office) == f"/gevinster/tiltak/{dispensers.pk}/"

    visit(office, "/gevinster/")
    follow(office, office.locator("#settings-link"))
    office.locator("#id_hours_per_fte").fill("50")
    submit(office, "#settings-form", status=400)
    expect(office.locator("#id_hours_per_fte_error1")).to_be_visible()
    office.locator("#id_hours_per_fte").fill("1 500")
    submit(office, "#settings-form")
    assert path_of(office) == "/gevinster/"
