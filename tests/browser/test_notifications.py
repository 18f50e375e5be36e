"""Notifications as a person meets them: the project owner sees the bell's count in the header,
opens the list, marks one read and then all, and chooses which kinds are e-mailed. axe runs on
every page; screenshots at 1280 and 1024 px go to /tmp/helhet-screens/."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from helhet.accounts.models import User
from helhet.notifications.models import Kind, NotificationPreference
from helhet.notifications.services import notification_send
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, submit, visit

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


def _shoot(page: Page, name: str) -> None:
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"notifications-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_bell_the_list_and_the_choice_of_e_mail(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    stavanger = live_demo["stavanger"]
    owner = User.objects.get(username="eier")
    for kind, text in [
        (Kind.DECISION_WAITING, "Trygghetsalarm venter på din beslutning: Godkjenne mandat."),
        (Kind.FUND_DECIDED, "Søknaden fra Robin til Digitaliseringsfondet: Innvilget."),
        (Kind.OVERLAP_FLAGGED, "Porteføljekontoret har funnet at Robin overlapper med RPA."),
    ]:
        notification_send(
            recipients=[owner], actor=None, municipality=stavanger, kind=kind, text=text, link="/"
        )

    page = new_page(user="eier")
    visit(page, "/")
    bell = page.locator("header a#bell")
    expect(bell.locator(".hh-bell__count")).to_have_text("3")
    _shoot(page, "bell")
    follow(page, bell)
    items = page.locator("#notifications li")
    expect(items).to_have_count(3)
    _shoot(page, "list")

    with page.expect_navigation():
        items.first.get_by_role("button").click()
    expect(page.locator("header .hh-bell__count")).to_have_text("2")
    with page.expect_navigation():
        page.locator("#read-all").click()
    expect(page.locator("header .hh-bell__count")).to_have_count(0)
    expect(page.locator("#notifications .hh-notification--unread")).to_have_count(0)

    follow(page, page.locator("#notification-settings"))
    _shoot(page, "settings")
    page.get_by_label("Ingen e-post").first.check()
    submit(page)
    assert (
        NotificationPreference.objects.get(user=owner, kind=Kind.DECISION_WAITING).delivery == "off"
    )
