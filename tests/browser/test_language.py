"""Switching the interface language with the form in the header."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import NewPage
from tests.browser.helpers import path_of, submit, visit

pytestmark = pytest.mark.browser

LANGUAGE_FORM = "header form:has(select#language)"


def test_switching_to_english_and_back(new_page: NewPage) -> None:
    page = new_page(user="admin")
    visit(page, "/organisasjon/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")

    page.locator("select#language").select_option("en")
    submit(page, LANGUAGE_FORM)
    assert path_of(page) == "/organisasjon/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("select#language")).to_have_value("en")

    page.locator("select#language").select_option("nb")
    submit(page, LANGUAGE_FORM)
    assert path_of(page) == "/organisasjon/"
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.locator("select#language")).to_have_value("nb")
