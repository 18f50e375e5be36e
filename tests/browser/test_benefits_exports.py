"""A reader downloads an initiative's benefits realisation plan from the plan page, as a
spreadsheet and as a PDF; axe runs on the page with the download links."""

import pytest
from playwright.sync_api import expect

from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, dispensers
from tests.browser.conftest import NewPage
from tests.browser.helpers import visit

pytestmark = pytest.mark.browser


def test_a_reader_downloads_the_plan_as_a_spreadsheet_and_a_pdf(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    benefit(stavanger)
    initiative = dispensers(stavanger)

    reader = new_page(user="leser")
    visit(reader, f"/gevinster/tiltak/{initiative.pk}/")

    for link, name in (("#plan-xlsx", ".xlsx"), ("#plan-pdf", ".pdf")):
        expect(reader.locator(link)).to_be_visible()
        with reader.expect_download() as download:
            reader.locator(link).click()
        assert download.value.suggested_filename.startswith("gevinstplan-medisindispensere-")
        assert download.value.suggested_filename.endswith(name)
