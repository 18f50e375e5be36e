"""The portfolio office keeps a fund in the browser: the list of funds,
the fund's page with its balances, rules and round, a new version of the rules (the criteria
filled in from the version in force), and the ledger: a disbursement sent back for a
non-numeric amount, recorded, then corrected. A reader sees the same pages without the
buttons. axe runs on every page; screenshots at 1280 and 1024 px go to /tmp/helhet-screens/."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from helhet.fund.models import LedgerEntry
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.fund.ledger_helpers import innovation_fund

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


def _shoot(page: Page, name: str) -> None:
    SCREENS.mkdir(exist_ok=True)
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"fund-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_portfolio_office_keeps_the_fund_and_a_reader_follows_it(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    fund = innovation_fund(live_demo["stavanger"])  # a grant of 200 000 kr, 50 000 paid out
    grant = fund.applications.get()
    office = new_page(user="portefolje")
    visit(office, "/fond/")
    _shoot(office, "list")
    follow(office, office.locator(f'#funds a[href="/fond/{fund.pk}/"]'))
    expect(office.locator("#capital")).to_contain_text("1 000 000 kr")
    _shoot(office, "detail")

    follow(office, office.locator("#rules-create"))
    expect(office.locator("#id_criteria-0-name")).not_to_have_value("")
    office.locator("#id_max_share").fill("40")
    office.locator("#id_note").fill("Fondet dekker høyst 40 % av prosjektkostnaden.")
    _shoot(office, "rules-form")
    submit(office, "#rules-form")
    assert path_of(office) == f"/fond/{fund.pk}/retningslinjer/"
    expect(office.locator("#version-2")).to_contain_text("Gjeldende")
    expect(office.locator("#rules-1-criteria tbody tr")).to_have_count(
        office.locator("#rules-2-criteria tbody tr").count()
    )
    _shoot(office, "rules")

    visit(office, f"/fond/{fund.pk}/regnskap/")
    _shoot(office, "ledger")
    follow(office, office.locator("#add-disbursement"))
    office.locator("#id_application").select_option(str(grant.pk))
    office.locator("#id_amount").fill("mye")
    office.locator("#id_reference").fill("Bilag 2026-77")
    submit(office, "#entry-form", status=400)
    expect(office.locator("#error-summary")).to_be_visible()
    _shoot(office, "disbursement-error")
    office.locator("#id_amount").fill("1 000")
    submit(office, "#entry-form")
    assert path_of(office) == f"/fond/{fund.pk}/regnskap/"
    paid = LedgerEntry.objects.get(fund=fund, reference="Bilag 2026-77")
    follow(office, office.locator(f"#entry-{paid.pk} a"))
    office.locator("#id_reason").fill("Feil bilag")
    submit(office, "#correct-form")
    expect(office.locator(f"#entry-{paid.pk}")).to_contain_text("Korrigert")
    expect(office.locator(f"#entry-{paid.pk} a")).to_have_count(0)

    reader = new_page(user="leser")
    visit(reader, f"/fond/{fund.pk}/regnskap/")
    expect(reader.locator("#add-capital")).to_have_count(0)
    visit(reader, f"/fond/{fund.pk}/")
    expect(reader.locator("#fund-edit")).to_have_count(0)
