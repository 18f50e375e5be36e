"""The portfolio office imports its existing list: downloads the template, uploads a file with a
mistake and sees it by row and column, uploads the corrected file, confirms, and finds the
initiatives in the overview."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from playwright.sync_api import expect
from pytest_django.fixtures import Settings

from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
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
