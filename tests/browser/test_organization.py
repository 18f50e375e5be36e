"""The administrator maintains the organisation: create a unit, change it, read its history."""

import re

import pytest
from playwright.sync_api import expect

from helhet.organization.models import Municipality, OrgUnit
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit

pytestmark = pytest.mark.browser

UNIT_URL = re.compile(r"^/organisasjon/enheter/(\d+)/$")


def test_admin_creates_a_unit_changes_its_name_and_sees_the_change_in_its_history(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    it_department = OrgUnit.objects.get(municipality=live_demo["stavanger"], name="IT-avdelingen")
    page = new_page(user="admin")
    visit(page, "/organisasjon/")
    follow(page, page.locator('main a[href="/organisasjon/enheter/ny/"]'))

    page.locator("#id_name").fill("Informasjonssikkerhet")
    page.locator("#id_kind").select_option("section")
    page.locator("#id_parent").select_option(label="IT-avdelingen")
    page.locator("#id_description").fill("Personvern og informasjonssikkerhet.")
    submit(page)

    match = UNIT_URL.match(path_of(page))
    assert match, path_of(page)
    pk = int(match.group(1))
    expect(page.locator("main h1")).to_have_text("Informasjonssikkerhet")
    expect(
        page.locator(f'main a[href="/organisasjon/enheter/{it_department.pk}/"]')
    ).not_to_have_count(0)
    expect(page.locator("main")).to_contain_text("Personvern og informasjonssikkerhet.")

    follow(page, page.locator(f'main a[href="/organisasjon/enheter/{pk}/endre/"]'))
    expect(page.locator("#id_name")).to_have_value("Informasjonssikkerhet")
    page.locator("#id_name").fill("Informasjonssikkerhet og personvern")
    submit(page)
    assert path_of(page) == f"/organisasjon/enheter/{pk}/"
    expect(page.locator("main h1")).to_have_text("Informasjonssikkerhet og personvern")

    follow(page, page.locator(f'main a[href="/organisasjon/enheter/{pk}/historikk/"]'))
    newest = page.locator("main table tbody tr").first
    expect(newest).to_contain_text("Siri Haugen")
    expect(newest.locator("li")).to_contain_text(
        ["Informasjonssikkerhet → Informasjonssikkerhet og personvern"]
    )
    expect(page.locator("main table tbody tr")).to_have_count(2)


def test_a_new_unit_without_a_name_shows_the_error_summary_and_creates_nothing(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    units_before = OrgUnit.objects.count()
    page = new_page(user="admin")
    visit(page, "/organisasjon/enheter/ny/")

    page.locator("#id_kind").select_option("section")
    page.locator("#id_parent").select_option(label="IT-avdelingen")
    submit(page, status=400)

    assert path_of(page) == "/organisasjon/enheter/ny/"
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator('a[href="#id_name"]')).to_have_count(1)
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    assert OrgUnit.objects.count() == units_before


def test_removing_a_units_name_shows_the_error_summary_and_changes_nothing(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    unit = OrgUnit.objects.get(municipality=live_demo["stavanger"], name="IT-avdelingen")
    page = new_page(user="admin")
    visit(page, f"/organisasjon/enheter/{unit.pk}/endre/")

    page.locator("#id_name").fill("")
    submit(page, status=400)

    expect(page.locator("#error-summary")).to_be_visible()
    unit.refresh_from_db()
    assert unit.name == "IT-avdelingen"
    assert unit.history.count() == 1
