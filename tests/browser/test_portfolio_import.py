"""The portfolio office imports its existing list: downloads the template, uploads a file with a
mistake and sees it by row and column, uploads the corrected file, confirms, and finds the
initiatives in the overview."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from playwright.sync_api import expect
from pytest_django.fixtures import Settings

from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative
from helhet.portfolio.services import initiative_create
from tests.browser.conftest import NewPage
from tests.browser.helpers import check_axe, follow, path_of, submit, visit
from tests.notifications.helpers import run_waiting_jobs
from tests.portfolio.exchange_files import csv_file, problem

pytestmark = pytest.mark.browser

HEADERS = ["Navn", "Type", "Eierenhet", "Planlagt start", "Estimert kostnad"]


def test_portfolio_office_imports_a_list_after_correcting_a_mistake(
    new_page: NewPage, live_demo: dict[str, Municipality], settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    page = new_page(user="portefolje")
    visit(page, "/portefolje/")
    follow(page, page.locator('main a[href="/portefolje/import/"]'))

    template_link = page.locator('main a[href="/portefolje/import/mal.xlsx"]').first
    with page.expect_download() as download:
        template_link.click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert [c.value for c in workbook.worksheets[0][1]][:3] == ["Navn", "Type", "Eierenhet"]

    with_mistake = [
        HEADERS,
        ["Robotisering (RPA)", "prosjekt", "IT-avdelingen", "01.01.2019", "1 200 000"],
        ["Kvikktest Øyriket", "prosjekt", "Smartbyen", "01.06.2021", ""],
    ]
    page.locator("#id_file").set_input_files(
        {"name": "tiltak.csv", "mimeType": "text/csv", "buffer": csv_file(with_mistake)}
    )
    submit(page, "#import-form", status=400)
    expect(page.locator("#import-problems li")).to_have_text(
        [problem(3, "Eierenhet", "No unit named “%(name)s” in the municipality.", name="Smartbyen")]
    )
    expect(page.locator("#import-confirm")).to_have_count(0)
    assert not Initiative.objects.exists()

    corrected = [*with_mistake[:2], ["Kvikktest Øyriket", "prosjekt", "Smartby", "01.06.2021", ""]]
    page.locator("#id_file").set_input_files(
        {"name": "tiltak.csv", "mimeType": "text/csv", "buffer": csv_file(corrected)}
    )
    submit(page, "#import-form")
    expect(page.locator("#import-rows tbody tr")).to_have_count(2)
    assert not Initiative.objects.exists()

    submit(page, "#import-confirm")
    assert path_of(page) == "/portefolje/"
    expect(page.locator("main")).to_contain_text("Robotisering (RPA)")
    expect(page.locator("main")).to_contain_text("Kvikktest Øyriket")
    assert sorted(Initiative.objects.values_list("name", flat=True)) == [
        "Kvikktest Øyriket",
        "Robotisering (RPA)",
    ]


def test_portfolio_office_changes_an_initiative_by_exporting_and_importing_the_file(
    new_page: NewPage, live_demo: dict[str, Municipality], settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    stavanger = live_demo["stavanger"]
    initiative_create(
        actor=None,
        municipality=stavanger,
        name="Spider",
        kind="project",
        owning_unit=OrgUnit.objects.get(municipality=stavanger, name="Smartby"),
        need="Ruteplanlegging.",
    )
    page = new_page(user="portefolje")
    visit(page, "/portefolje/")
    # The export is made on the job queue: the button lands on Mine filer, "being made" ...
    submit(page, "#export-xlsx")
    assert path_of(page) == "/filer/"
    expect(page.locator("#prepared-files")).to_contain_text("Lages …")
    run_waiting_jobs()  # ... the worker makes it, and the page (files.js) looks again by itself
    link = page.locator('#prepared-files a[href^="/filer/"]')
    expect(link).to_contain_text("helhet-portefolje-stavanger-", timeout=15_000)
    expect(page.locator("#files-refresh")).to_have_count(0)
    check_axe(page)
    with page.expect_download() as download:
        link.click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index("Behov") + 1, value="Færre kjøremil.")
    sheet.append(["Kartløsning", "Prosjekt", "Smartby"])
    out = io.BytesIO()
    workbook.save(out)

    visit(page, "/portefolje/import/")
    page.locator("#id_file").set_input_files(
        {"name": "eksport.xlsx", "mimeType": "application/octet-stream", "buffer": out.getvalue()}
    )
    submit(page, "#import-form")
    expect(page.locator("#import-rows tbody tr[data-action=changed]")).to_contain_text(
        "Ruteplanlegging. → Færre kjøremil."
    )
    expect(page.locator("#import-rows tbody tr[data-action=new]")).to_contain_text("Kartløsning")

    submit(page, "#import-confirm")
    assert path_of(page) == "/portefolje/"
    assert Initiative.objects.get(municipality=stavanger, name="Spider").need == "Færre kjøremil."
    assert Initiative.objects.filter(municipality=stavanger, name="Kartløsning").exists()
