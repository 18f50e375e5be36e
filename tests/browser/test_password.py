"""A person changes their own password from the header, and asks for a reset link from the login
page (axe on every page)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, log_in, path_of, submit, visit

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Vindmølle-Hundvåg-42"


def test_a_person_changes_their_password_from_the_header(new_page: NewPage) -> None:
    page = new_page(user="leser")
    visit(page, "/")
    follow(page, page.locator('header a[href="/konto/passord/"]'))

    page.locator("#id_old_password").fill("demo")
    page.locator("#id_new_password1").fill("12345678")
    page.locator("#id_new_password2").fill("12345678")
    submit(page, status=400)
    expect(page.locator("#error-summary")).to_be_visible()

    page.locator("#id_old_password").fill("demo")
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    submit(page)
    assert path_of(page) == "/"

    again = new_page()
    log_in(again, "leser", NEW_PASSWORD)
    assert path_of(again) == "/"


def test_a_forgotten_password_is_reset_by_a_link_in_an_email(new_page: NewPage) -> None:
    page = new_page()
    visit(page, "/logg-inn/")
    follow(page, page.locator('main a[href="/passord/glemt/"]'))
    page.locator("#id_email").fill("leser@stavanger.kommune.example")
    submit(page)
    assert path_of(page) == "/passord/glemt/sendt/"

    link = re.search(r"https?://[^/\s]+(/passord/nytt/\S+/)", str(mail.outbox[-1].body))
    assert link
    visit(page, link.group(1))
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    submit(page)
    assert path_of(page) == "/passord/nytt/ferdig/"

    log_in(page, "leser", NEW_PASSWORD)
    assert path_of(page) == "/"
