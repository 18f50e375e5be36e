"""Browser fixtures: one headless Debian Chromium for all the browser tests, a fresh context per
test, and the demo municipalities in a database the live server can see.

Playwright can't download its own browser here, so it drives /usr/bin/chromium. Contexts bypass
the Content-Security-Policy so axe can be injected as an inline script; test_security.py checks
the policy itself in a context that enforces it."""

from collections.abc import Iterator
from typing import Protocol

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from helhet.accounts.models import User
from helhet.demo.municipalities import build_demo
from helhet.organization.models import Municipality
from tests.browser.helpers import AXE_PATH
from tests.conftest import demo_municipalities

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for all the browser tests, closed after the last of them.

    Playwright's sync API keeps an event loop running in the main thread, and Django refuses
    database work in a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set; here
    the loop is Playwright's, so it is safe. The variable is set only while the browser runs:
    left set, it would leak into the rest of the run (``manage.py check --deploy`` in a
    subprocess fails on it, async.E001)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def live_demo(live_server: LiveServer, transactional_db: None) -> dict[str, Municipality]:
    """Stavanger and Bergen, committed so the live server's thread sees them; flushed after.
    The first browser test in a worker finds the demo the test database was built with (see
    tests/conftest.py); after a flush, it is built again."""
    if Municipality.objects.filter(slug="stavanger").exists():
        return demo_municipalities()
    return build_demo()


class NewPage(Protocol):
    def __call__(self, *, user: str | None = None, bypass_csp: bool = True) -> Page: ...


@pytest.fixture
def new_page(
    browser: Browser, live_server: LiveServer, live_demo: dict[str, Municipality]
) -> Iterator[NewPage]:
    """``new_page()`` opens a page in a fresh context (its own cookies: a new person at a new
    browser). The browser asks for Norwegian, as a municipal employee's would.

    ``new_page(user="admin")`` starts out logged in as that user, through a session cookie: the
    login form has its own tests, and the other journeys are quicker without it."""
    contexts: list[BrowserContext] = []

    def _new_page(*, user: str | None = None, bypass_csp: bool = True) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=bypass_csp,
            locale="nb-NO",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(10_000)
        # axe is in every page from its start (the DevTools protocol puts it there, outside the
        # page's CSP): sent to Chromium once per context, not once per page checked.
        context.add_init_script(path=AXE_PATH)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(User.objects.get(username=user))
            name = settings.SESSION_COOKIE_NAME
            context.add_cookies(
                [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
            )
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: NewPage) -> Page:
    return new_page()
