"""The portfolio office builds the service catalogue: adds a service area, imports the audit's
table (after a file with a mistake), finds the services with their answers in the catalogue,
classifies an answer the import could not read, and adds a service of its own. axe runs on
every page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from pytest_django.fixtures import Settings

from helhet.maturity.models import Answer, Assessment, Service
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.maturity.matrix_catalogue import catalogue_area
from tests.portfolio.exchange_files import csv_file, problem

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[2] / "helhet/demo/data/service-maturity-stavanger-2021.csv"
HEADER = [
    "service_area",
    "service",
    "electronic_application",
    "electronic_transfer",
    "electronic_answer",
]


def test_the_portfolio_office_imports_and_keeps_the_catalogue(
    new_page: NewPage, live_demo: dict[str, Municipality], settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    stavanger = live_demo["stavanger"]
    catalogue_area(stavanger, "Oppvekst og utdanning")
    catalogue_area(stavanger, "Helse og velferd")
    page = new_page(user="portefolje")

    # The third service area, through the form.
    visit(page, "/")
    follow(page, page.locator(".hh-nav a[href='/tjenester/']"))
    follow(page, page.locator("main a[href='/tjenester/omrader/']"))
    follow(page, page.locator("main a[href='/tjenester/omrader/ny/']"))
    page.locator("#id_name").fill("Plan, bygg og geodata")
    page.locator("#id_position").fill("3")
    submit(page, "#area-form")
    assert path_of(page) == "/tjenester/omrader/"
    expect(page.locator("#area-list tbody tr")).to_have_count(3)

    # A file with a mistake is refused by row and column; nothing is saved.
    visit(page, "/tjenester/import/")
    wrong = [HEADER, ["Kultur", "Kulturkort", "Ja", "Ja", "Ja"]]
    page.locator("#id_file").set_input_files(
        {"name": "tabell2.csv", "mimeType": "text/csv", "buffer": csv_file(wrong)}
    )
    page.locator("#id_assessed_on").fill("2021-06-30")
    submit(page, "#import-form", status=400)
    expect(page.locator("#import-problems li")).to_have_text(
        [
            problem(
                2,
                "service_area",
                "There is no service area “%(name)s”. Create it under Service areas, or correct "
                "the name.",
                name="Kultur",
            )
        ]
    )
    assert not Service.objects.exists()

    # The audit's table: a preview, then the import.
    page.locator("#id_file").set_input_files(
        {"name": "tabell2.csv", "mimeType": "text/csv", "buffer": DATA.read_bytes()}
    )
    page.locator("#id_assessed_on").fill("2021-06-30")
    page.locator("#id_source").fill("Forvaltningsrevisjon 2021, tabell 2")
    submit(page, "#import-form")
    expect(page.locator("#import-rows tbody tr")).to_have_count(24)
    expect(page.locator("#import-unclassified tbody tr")).to_have_count(9)
    submit(page, "#import-confirm")
    assert path_of(page) == "/tjenester/"
    expect(page.locator("table.hh-catalogue tbody tr")).to_have_count(24)

    # An answer the import could not read is classified on the service's page.
    service = Service.objects.get(name="Rørleggermelding")
    follow(page, page.locator(f"main a[href='/tjenester/{service.pk}/']"))
    expect(page.locator("#assessment-history")).to_contain_text("Kommer pr. post.")
    follow(page, page.locator("#assessment-history a[href$='?date=2021-06-30']"))
    page.locator("#id_transfer input[value='no']").check()
    submit(page, "#assessment-form")
    assert path_of(page) == f"/tjenester/{service.pk}/"
    assert Assessment.objects.get(service=service).transfer == Answer.NO

    # A service of its own.
    visit(page, "/tjenester/ny/")
    page.locator("#id_name").fill("Startlån")
    page.locator("#id_area").select_option(label="Helse og velferd")
    page.locator("#id_case_system").fill("Public 360")
    submit(page, "#service-form")
    startlan = Service.objects.get(name="Startlån")
    assert path_of(page) == f"/tjenester/{startlan.pk}/"
    follow(page, page.locator(f"main a[href='/tjenester/{startlan.pk}/vurdering/']").first)
    page.locator("#id_application input[value='partly']").check()
    page.locator("#id_application_comment").fill("Søknad i Husbankens løsning.")
    page.locator("#id_transfer input[value='no']").check()
    page.locator("#id_answer input[value='yes']").check()
    submit(page, "#assessment-form")
    expect(page.locator("#assessment-history tbody tr")).to_have_count(1)
    expect(page.locator("#assessment-history")).to_contain_text("Søknad i Husbankens løsning.")
