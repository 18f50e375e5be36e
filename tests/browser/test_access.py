"""What people without access see: the error pages, in the app's own layout."""

import pytest
from playwright.sync_api import expect

from helhet.organization.models import Municipality, OrgUnit
from tests.browser.conftest import NewPage
from tests.browser.helpers import t, visit

pytestmark = pytest.mark.browser


def test_reader_is_not_allowed_to_create_a_unit(new_page: NewPage) -> None:
    page = new_page(user="leser")

    visit(page, "/organisasjon/enheter/ny/", status=403)

    expect(page.locator("main h1")).to_have_text(t("Not allowed"))
    expect(page.locator("main a[href='/']")).to_be_visible()
    expect(page.locator("#id_name")).to_have_count(0)


def test_another_municipalitys_unit_is_not_found(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger_unit = OrgUnit.objects.get(municipality=live_demo["stavanger"], name="IT-avdelingen")
    bergen_unit = OrgUnit.objects.get(municipality=live_demo["bergen"], name="Finans")
    page = new_page(user="bergen-admin")
    visit(page, f"/organisasjon/enheter/{bergen_unit.pk}/")

    visit(page, f"/organisasjon/enheter/{stavanger_unit.pk}/", status=404)

    expect(page.locator("main h1")).to_have_text(t("Page not found"))
    expect(page.locator("main a[href='/']")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("IT-avdelingen")
