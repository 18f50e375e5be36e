"""Single sign-on in Chromium, end to end, against a real OpenID Connect provider on localhost
(oidc-provider-mock, started once for the module, ~0.1 s): the administrator adds the
municipality's login service and sees the redirect URI to register; a member logs in with
"Logg inn med …" through the provider's consent page; someone unknown is sent to "Spør
administratoren" with no access; a municipality that requires a code has a password login set
up an authenticator app. axe runs on each of Helhet's pages (not the provider's); screenshots at
1280 and 1024 px go to /tmp/helhet-screens/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, expect

from helhet.accounts.sso.services import login_policy_set
from helhet.organization.models import Municipality
from tests.accounts.oidc_provider import Provider, running_provider
from tests.browser.conftest import NewPage
from tests.browser.helpers import check_axe, follow, log_in, path_of, submit, visit
from tests.conftest import membership_of

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


@pytest.fixture(scope="module")
def oidc() -> Iterator[Provider]:
    with running_provider() as provider:
        yield provider


def _screens(page: Page, name: str) -> None:
    SCREENS.mkdir(exist_ok=True)
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"sso-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _through_provider(page: Page, sub: str, *, status: int) -> None:
    """Press "Logg inn med …" on the login page, sign in at the provider as ``sub``."""
    # The provider's consent page asks a CDN for its style sheet: nothing leaves this machine.
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    visit(page, "/logg-inn/")
    with page.expect_navigation():
        page.get_by_role("button", name="Logg inn med Stavanger kommune (Entra ID)").click()
    page.locator('input[name="sub"]').fill(sub)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Authorize").click()
    response = navigation.value
    assert response is not None and response.status == status, response and response.url
    check_axe(page)


def test_the_administrator_adds_entra_id_and_people_log_in_through_it(
    new_page: NewPage, oidc: Provider, live_demo: dict[str, Municipality]
) -> None:
    admin = new_page(user="admin")
    visit(admin, "/personer/")
    follow(admin, admin.get_by_role("link", name="Slik logger folk inn"))
    follow(admin, admin.get_by_role("link", name="Legg til en innloggingstjeneste"))
    admin.get_by_label("Navn på innloggingsknappen").fill("Stavanger kommune (Entra ID)")
    admin.get_by_label("Utsteder").fill(oidc.url)
    admin.get_by_label("Klient-ID").fill("helhet-stavanger")
    admin.get_by_label("Klienthemmelighet").fill("hemmelig-fra-entra")
    submit(admin)
    assert path_of(admin) == "/personer/innlogging/"
    _screens(admin, "settings")
    follow(admin, admin.get_by_role("link", name="Stavanger kommune (Entra ID)"))
    expect(admin.locator("main")).to_contain_text("/login/callback/")
    expect(admin.locator("main")).not_to_contain_text("hemmelig-fra-entra")
    _screens(admin, "provider")

    leser = membership_of("leser").user
    oidc.set_person("entra-gunn", email=leser.email, email_verified=True, name="Gunn Bø")
    person = new_page()
    visit(person, "/logg-inn/")
    _screens(person, "login")
    _through_provider(person, "entra-gunn", status=200)
    assert path_of(person) == "/"
    expect(person.locator(".hh-user")).to_contain_text("Gunn Bø")

    oidc.set_person("entra-ukjent", email="ny@stavanger.kommune.example", email_verified=True)
    stranger = new_page()
    _through_provider(stranger, "entra-ukjent", status=403)
    expect(stranger.locator("h1")).to_have_text("Spør administratoren")
    expect(stranger.locator("header nav[aria-label]")).to_have_count(0)
    _screens(stranger, "refused")


def test_a_required_code_is_set_up_with_an_authenticator_app(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    login_policy_set(
        actor=None,
        municipality=live_demo["stavanger"],
        local_passwords=True,
        break_glass=None,
        require_mfa=True,
    )
    page = new_page()
    log_in(page, "portefolje")
    assert path_of(page) == "/konto/kode/"
    _screens(page, "mfa-setup")
    secret = page.locator("main code").first.inner_text()
    page.get_by_label("Kode").fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    submit(page)
    expect(page.locator("h1")).to_have_text("Gjenopprettingskodene dine")
    expect(page.locator(".hh-recovery-codes li")).not_to_have_count(0)
    _screens(page, "mfa-codes")
