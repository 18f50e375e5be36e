"""The administrator gives a new person access, and that person can log in (choosing their own
password first)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, log_in, path_of, submit, visit

pytestmark = pytest.mark.browser


def test_admin_adds_a_person_who_can_then_log_in(new_page: NewPage) -> None:
    page = new_page(user="admin")
    visit(page, "/personer/")
    follow(page, page.locator('main a[href="/personer/ny/"]'))

    page.locator("#id_username").fill("ingrid")
    page.locator("#id_first_name").fill("Ingrid")
    page.locator("#id_last_name").fill("Nilsen")
    page.locator("#id_email").fill("ingrid@stavanger.kommune.example")
    page.locator("#id_password").fill("Solsikke-i-Hinna-2025")
    page.locator("#id_role").select_option("project_leader")
    page.locator("#id_unit").select_option(label="Smartby")
    page.locator("#id_title").fill("Prosjektleder smartby")
    submit(page)

    assert path_of(page) == "/personer/"
    expect(page.locator("main table tbody")).to_contain_text("Ingrid Nilsen")

    ingrid = new_page()
    log_in(ingrid, "ingrid", "Solsikke-i-Hinna-2025")
    # The administrator chose the password, so Ingrid first chooses her own.
    assert path_of(ingrid) == "/konto/passord/"
    ingrid.locator("#id_old_password").fill("Solsikke-i-Hinna-2025")
    ingrid.locator("#id_new_password1").fill("Ingrids-eget-Madla-7")
    ingrid.locator("#id_new_password2").fill("Ingrids-eget-Madla-7")
    submit(ingrid)
    assert path_of(ingrid) == "/"
    expect(ingrid.locator(".hh-brand__municipality")).to_have_text("Stavanger kommune")
    expect(ingrid.locator(".hh-user")).to_contain_text("Ingrid Nilsen")
