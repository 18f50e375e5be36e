"""The scale-up plan and a unit's follow-up in the browser: the portfolio office reads the action
matrix, opens the dispensers' plan (a late step flagged) and adds a step; a member of Hundvåg
records a follow-up action and sees whether adoption moved after the list review. axe runs on
every page; screenshots at 1280 and 1024 px go to /tmp/helhet-screens/."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from helhet.organization.models import Municipality
from tests.adoption.scaleup_helpers import dispensers, unit_of
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.conftest import unit_named

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


def _shoot(page: Page, name: str) -> None:
    SCREENS.mkdir(exist_ok=True)
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"scaleup-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_office_plans_the_scale_up_and_a_unit_follows_up(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    solution = dispensers(stavanger)
    hundvaag = unit_of(solution, "Hundvåg hjemmebaserte tjenester")
    office = new_page(user="portefolje")
    visit(office, "/losninger/plan/")
    expect(office.locator("#late-notice")).to_be_visible()
    _shoot(office, "matrix")
    follow(office, office.locator(f'#plan-matrix a[href="/losninger/{solution.pk}/plan/"]').first)
    expect(office.locator("#steps .ds-tag")).to_have_count(1)
    _shoot(office, "plan")

    follow(office, office.locator("#step-create"))
    office.locator("#id_kind").select_option("scale_up")
    hinna = unit_named(stavanger, "Hinna hjemmebaserte tjenester")
    office.locator("#id_unit").select_option(str(hinna.pk))
    today = timezone.localdate()
    office.locator("#id_starts_on").fill(today.replace(day=1).isoformat())
    office.locator("#id_ends_on").fill(today.replace(year=today.year + 1).isoformat())
    _shoot(office, "step-form")
    submit(office, "#step-form")
    assert path_of(office) == f"/losninger/{solution.pk}/plan/"
    expect(office.locator("#steps")).to_contain_text("Hinna hjemmebaserte tjenester")

    member = new_page(user="gevinsteier")
    visit(member, f"/losninger/enheter/{hundvaag.pk}/oppfolging/")
    expect(member.locator("#actions .hh-effect--up")).to_have_count(1)
    _shoot(member, "follow-up")
    follow(member, member.locator("#action-create"))
    member.locator("#id_kind").select_option("champion")
    member.locator("#id_description").fill("En ressursperson i hver gruppe foreslår brukere.")
    _shoot(member, "action-form")
    submit(member, "#action-form")
    expect(member.locator("#actions tbody tr")).to_have_count(2)
