"""Choosing a project's method: the method the app suggests is chosen to begin with, the level
list holds only the chosen method's levels with the suggested one chosen, and it follows the
method when the project leader picks another one, with JavaScript (at once) and without it (a
button that shows the levels). axe runs on every page."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from helhet.accounts.models import User
from helhet.methodology.models import MethodVersion, ProjectMethod
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.browser.conftest import NewPage
from tests.browser.helpers import check_axe, path_of, submit, visit
from tests.conftest import unit_named
from tests.projects.matrix_projects import current, level, project

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_without_javascript(
    browser: Browser, live_server: LiveServer, live_demo: dict[str, Municipality]
) -> Iterator[Page]:
    """The project leader at a browser with JavaScript turned off."""
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        java_script_enabled=False,
        locale="nb-NO",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    client = Client()
    client.force_login(User.objects.get(username="prosjektleder"))
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
    yield context.new_page()
    context.close()


def _check_axe_without_javascript(page: Page, reader: Page) -> None:
    """axe cannot run where JavaScript is off: it checks the same HTML in ``reader``."""
    reader.goto(page.url)
    reader.set_content(page.content())
    check_axe(reader)


def _smartby_project(stavanger: Municipality) -> Initiative:
    """A project of 5 mill. kr over a year (Middels in Prosjektveiviseren, too big for the light
    method) owned by Smartby, whose other project runs on Smartbyprosessen."""
    other = project(stavanger, "Kvikktest Hundvåg", method="Smartbyprosessen")
    initiative = project(
        stavanger,
        "Sensorer i sentrum",
        method=None,
        estimated_cost=Decimal("5000000"),
        planned_start=date(2027, 1, 1),
        planned_end=date(2027, 12, 31),
    )
    Initiative.objects.filter(pk__in=[initiative.pk, other.pk]).update(
        owning_unit=unit_named(stavanger, "Smartby")
    )
    return initiative


def _levels_offered(page: Page) -> list[str]:
    return [
        value
        for value in page.locator("#id_level option").evaluate_all(
            "options => options.map(option => option.value)"
        )
        if value
    ]


def _expect_levels(page: Page, version: MethodVersion, suggested: str | None) -> None:
    expect(page.locator("#id_version")).to_have_value(str(version.pk))
    expected = [str(pk) for pk in version.levels.order_by("position").values_list("pk", flat=True)]
    expect(page.locator("#id_level option[value]:not([value=''])")).to_have_count(len(expected))
    assert _levels_offered(page) == expected
    chosen = "" if suggested is None else str(level(version, suggested).pk)
    expect(page.locator("#id_level")).to_have_value(chosen)


def test_the_level_list_follows_the_chosen_method(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    initiative = _smartby_project(stavanger)
    page = new_page(user="prosjektleder")
    visit(page, f"/prosjekter/{initiative.pk}/velg-metode/")
    # The unit's own method is suggested, with the level its size suggests.
    _expect_levels(page, current(stavanger, "Smartbyprosessen"), "storre")
    expect(page.locator("#show-levels")).to_be_hidden()  # only needed without JavaScript

    page.locator("#id_version").select_option(str(current(stavanger).pk))
    _expect_levels(page, current(stavanger), "middels")
    check_axe(page)
    page.locator("#id_version").select_option(
        str(current(stavanger, "Lett metode for små forbedringer").pk)
    )
    _expect_levels(page, current(stavanger, "Lett metode for små forbedringer"), None)
    page.locator("#id_version").select_option(str(current(stavanger).pk))
    _expect_levels(page, current(stavanger), "middels")

    submit(page, "#choose-form")
    assert path_of(page) == f"/prosjekter/{initiative.pk}/"
    run = ProjectMethod.objects.get(initiative=initiative)
    assert (run.version.method.name, run.level.code) == ("Prosjektveiviseren", "middels")


def test_without_javascript_a_button_shows_the_chosen_methods_levels(
    browser_without_javascript: Page, new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    initiative = _smartby_project(stavanger)
    page, reader = browser_without_javascript, new_page(user="prosjektleder")
    page.goto(f"/prosjekter/{initiative.pk}/velg-metode/")
    _check_axe_without_javascript(page, reader)
    _expect_levels(page, current(stavanger, "Smartbyprosessen"), "storre")
    expect(page.locator("#show-levels")).to_be_visible()

    page.locator("#id_version").select_option(str(current(stavanger).pk))
    with page.expect_navigation():
        page.locator("#show-levels").click()
    _check_axe_without_javascript(page, reader)
    _expect_levels(page, current(stavanger), "middels")
    assert not ProjectMethod.objects.filter(initiative=initiative).exists()

    with page.expect_navigation():
        page.locator("#choose-form button[type=submit]").click()
    assert path_of(page) == f"/prosjekter/{initiative.pk}/"
    assert ProjectMethod.objects.get(initiative=initiative).level.code == "middels"


def test_without_javascript_choosing_another_method_keeps_no_other_methods_level(
    browser_without_javascript: Page, new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    """Submitted straight after switching method, the old method's level is not taken: the
    page comes back with the new method's levels and its suggested level chosen."""
    stavanger = live_demo["stavanger"]
    initiative = _smartby_project(stavanger)
    page = browser_without_javascript
    page.goto(f"/prosjekter/{initiative.pk}/velg-metode/")
    page.locator("#id_version").select_option(str(current(stavanger).pk))
    with page.expect_navigation() as navigation:
        page.locator("#choose-form button[type=submit]").click()
    assert navigation.value is not None and navigation.value.status == 400
    _check_axe_without_javascript(page, new_page(user="prosjektleder"))
    _expect_levels(page, current(stavanger), "middels")
    expect(page.locator("#id_level_error1")).to_be_visible()
    with page.expect_navigation():
        page.locator("#choose-form button[type=submit]").click()
    assert ProjectMethod.objects.get(initiative=initiative).level.code == "middels"
