"""The Content-Security-Policy holds for the app's own pages: nothing it serves is blocked."""

import pytest
from playwright.sync_api import ConsoleMessage

from tests.browser.conftest import NewPage
from tests.browser.helpers import log_in, path_of, visit

pytestmark = pytest.mark.browser


def test_login_and_start_page_cause_no_csp_violations(new_page: NewPage) -> None:
    page = new_page(bypass_csp=False)
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            errors.append(f"{message.type} on {page.url}: {message.text}")

    page.on("console", record)
    page.on("pageerror", lambda error: errors.append(f"page error on {page.url}: {error}"))

    log_in(page, "admin", enforced_csp=True)  # the login page, then the start page
    assert path_of(page) == "/"
    visit(page, "/", enforced_csp=True)

    assert errors == []
