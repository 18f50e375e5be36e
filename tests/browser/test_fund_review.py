"""The portfolio office reads the fund's review, goes on to the gains back to the fund and
waives one year of a grant with a reason; axe runs on every page, and the review fits at 1024 px
without sideways scrolling."""

import pytest
from playwright.sync_api import expect

from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import check_axe, follow, visit
from tests.fund.review_helpers import grant, plan_with_gains

pytestmark = pytest.mark.browser


def test_the_office_reads_the_review_and_waives_a_years_gain(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    plan_with_gains(stavanger)
    application = grant(stavanger)

    page = new_page(user="portefolje")
    page.set_viewport_size({"width": 1024, "height": 900})
    visit(page, f"/fond/{application.fund_id}/gjennomgang/")
    expect(page.locator("#available")).to_have_text("98\xa0500\xa0000 kr")
    expect(page.locator("#chart-balance")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024

    follow(page, page.locator("#gains-link"))
    expect(page.locator("#gains-due")).to_have_text("1\xa0150\xa0000 kr")
    follow(page, page.get_by_role("link", name="Gjør opp Medisindispensere"))
    page.locator("#id_waive-2024-reason").fill("Frigjort tid ble brukt på flere besøk.")
    with page.expect_navigation():
        page.get_by_role("button", name="Frafall 2024").click()
    check_axe(page)
    expect(page.get_by_text("Gevinsten for 2024 er frafalt.")).to_be_visible()
    expect(page.locator("#settle-2024")).to_have_count(0)
