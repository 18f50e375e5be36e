"""Solutions in use as people use them: the portfolio office finds the medicine dispensers in the
menu, adds a unit; Hundvåg's leader counts (a count above the base is refused first); a reader
sees the adoption per unit and over time and the units needing follow-up; the import page.
axe runs on every page; screenshots at 1280 and 1024 px go to /tmp/helhet-screens/."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from helhet.adoption.models import AdoptionCount
from helhet.adoption.services.counts import adoption_count_record
from helhet.organization.models import Municipality
from tests.adoption.helpers import dispensers, person
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, submit, visit

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


def _shoot(page: Page, name: str) -> None:
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"solutions-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_solutions_from_the_menu_to_a_count(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    stavanger = live_demo["stavanger"]
    solution, hundvag, hinna = dispensers(stavanger, since=date(2022, 1, 1))
    office = person("portefolje")
    today = timezone.localdate()
    for months_ago, at_hundvag, at_hinna in ((14, 50, 20), (8, 60, 24), (3, 58, 30), (1, 40, 31)):
        day = today - timedelta(days=30 * months_ago)
        adoption_count_record(
            actor=office, solution_unit=hundvag, counted_on=day, value=Decimal(at_hundvag)
        )
        adoption_count_record(
            actor=office, solution_unit=hinna, counted_on=day, value=Decimal(at_hinna)
        )

    page = new_page(user="portefolje")
    visit(page, "/")
    follow(page, page.locator('nav a[href="/losninger/"]'))
    expect(page.locator("#solutions")).to_contain_text("Medisindispensere (test)")
    _shoot(page, "list")
    follow(page, page.locator("#solutions a", has_text="Medisindispensere (test)"))
    expect(page.locator("#units")).to_contain_text("Falt siden forrige telling")
    expect(page.locator("#chart-adoption")).to_be_visible()
    _shoot(page, "detail")
    follow(page, page.locator("a", has_text="Legg til en enhet").first)
    page.locator("#id_unit").select_option(label="\u00a0" * 9 + "Hillevåg hjemmebaserte tjenester")
    page.locator("#id_eligible_base").fill("90")
    submit(page)
    expect(page.locator("#units")).to_contain_text("Hillevåg hjemmebaserte tjenester")

    leader = new_page(user="gevinsteier")
    visit(leader, f"/losninger/enhet/{hundvag.pk}/telling/")
    leader.locator("#id_value").fill("121")
    submit(leader, status=400)
    expect(leader.locator("main")).to_contain_text("mer enn grunnlaget")
    _shoot(leader, "count-refused")
    leader.locator("#id_value").fill("45")
    submit(leader)
    assert AdoptionCount.objects.filter(solution_unit=hundvag, counted_on=today).exists()

    reader = new_page(user="leser")
    visit(reader, "/losninger/bruk/")
    expect(reader.locator("#attention")).to_contain_text("Hinna hjemmebaserte tjenester")
    _shoot(reader, "attention")
    visit(reader, f"/losninger/{solution.pk}/")
    expect(reader.locator("#over-time-table")).to_be_visible()
    visit(page, "/losninger/import/")
    _shoot(page, "import")
