"""Screenshots for a human to look at (/tmp/helhet-screens/); nothing is compared."""

from pathlib import Path

import pytest

from tests.browser.conftest import NewPage
from tests.browser.helpers import visit

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


def test_screenshots_of_the_main_pages(new_page: NewPage) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    anonymous = new_page()
    visit(anonymous, "/logg-inn/")
    anonymous.screenshot(path=SCREENS / "login.png", full_page=True)

    page = new_page(user="admin")
    visit(page, "/")
    page.screenshot(path=SCREENS / "start-admin.png", full_page=True)
    visit(page, "/organisasjon/")
    page.screenshot(path=SCREENS / "organisation.png", full_page=True)
