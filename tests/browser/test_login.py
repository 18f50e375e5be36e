"""Logging in through the form, as every demo user, and what happens with a wrong password."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import log_in, path_of, submit, t, visit

pytestmark = pytest.mark.browser

DEMO_USERS = [
    ("admin", "Stavanger kommune"),
    ("portefolje", "Stavanger kommune"),
    ("direktor", "Stavanger kommune"),
    ("eier", "Stavanger kommune"),
    ("prosjektleder", "Stavanger kommune"),
    ("gevinsteier", "Stavanger kommune"),
    ("leser", "Stavanger kommune"),
    ("bergen-admin", "Bergen kommune"),
]


def assert_logged_out(page: Page) -> None:
    visit(page, "/")
    assert path_of(page) == "/logg-inn/?next=/"
    expect(page.locator("#id_password")).to_be_visible()


@pytest.mark.parametrize(("username", "municipality"), DEMO_USERS)
def test_demo_user_logs_in_and_lands_on_the_start_page(
    page: Page, username: str, municipality: str
) -> None:
    log_in(page, username)

    assert path_of(page) == "/"
    expect(page.locator(".hh-brand__municipality")).to_have_text(municipality)
    expect(page.locator("main")).to_contain_text(municipality)
    menu = page.locator("header nav[aria-label]")
    expect(menu).to_be_visible()
    expect(menu.locator('a[href="/"]')).to_have_attribute("aria-current", "page")


def test_wrong_password_shows_an_error_and_does_not_log_in(page: Page) -> None:
    log_in(page, "admin", "feil-passord", status=400)

    assert path_of(page) == "/logg-inn/"
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("header nav[aria-label]")).to_have_count(0)
    assert_logged_out(page)


def test_five_wrong_passwords_lock_the_login_even_for_the_right_password(page: Page) -> None:
    log_in(page, "admin", "feil-passord", status=400)
    for _attempt in range(3):
        # The form comes back with the username filled in; the user types the password again.
        expect(page.locator("#id_username")).to_have_value("admin")
        page.locator("#id_password").fill("feil-passord")
        submit(page, status=400)
        expect(page.locator("#error-summary")).to_be_visible()
    page.locator("#id_password").fill("feil-passord")
    # The fifth failure reaches the limit: django-axes answers with the lock-out page.
    submit(page, status=429)

    log_in(page, "admin", status=429)

    expect(page.locator("main h1")).to_have_text(t("Too many failed attempts"))
    expect(page.locator("#id_password")).to_have_count(0)
    assert_logged_out(page)
