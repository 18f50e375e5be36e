"""A person makes an API token in the app, sees it once, uses it, and revokes it; the
administrator sees everyone's tokens (axe on every page)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit

pytestmark = pytest.mark.browser


def test_a_person_makes_uses_and_revokes_a_token(new_page: NewPage) -> None:
    page = new_page(user="prosjektleder")
    visit(page, "/")
    follow(page, page.locator('header a[href="/konto/api-nokler/"]'))

    page.locator("#id_name").fill("Rapportering til Power BI")
    page.locator("#id_scope_0").check()  # read only
    submit(page)
    key = page.locator("#new-token").input_value()
    assert key.startswith("hh_")

    headers = {"Authorization": f"Bearer {key}"}
    assert Client().get("/api/v1/me", headers=headers).status_code == 200
    refused = Client().post(
        "/api/v1/initiatives", {}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 403

    follow(page, page.locator('main a[href="/konto/api-nokler/"]'))
    row = page.locator("main table tbody tr", has_text="Rapportering til Power BI")
    expect(row).to_have_count(1)
    follow(page, row.locator("a[href$='/trekk-tilbake/']"))
    submit(page)
    assert path_of(page) == "/konto/api-nokler/"
    assert Client().get("/api/v1/me", headers=headers).status_code == 401


def test_the_administrator_sees_and_revokes_everyones_tokens(new_page: NewPage) -> None:
    owner = new_page(user="leser")
    visit(owner, "/konto/api-nokler/")
    owner.locator("#id_name").fill("Kontrollutvalgets uttrekk")
    submit(owner)

    page = new_page(user="admin")
    visit(page, "/personer/")
    follow(page, page.locator('main a[href="/personer/api-nokler/"]'))
    row = page.locator("main table tbody tr", has_text="Kontrollutvalgets uttrekk")
    expect(row).to_have_count(1)
    follow(page, row.locator("a[href$='/trekk-tilbake/']"))
    submit(page)
    assert path_of(page) == "/personer/api-nokler/"
    revoked = page.locator("main table tbody tr", has_text="Kontrollutvalgets uttrekk")
    expect(revoked.locator("a[href$='/trekk-tilbake/']")).to_have_count(0)
