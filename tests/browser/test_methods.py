"""The methods in a browser: from the main menu to the list, and on to one method's levels and
phases, with axe on every page."""

import pytest

from helhet.methodology.models import Method
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, visit

pytestmark = pytest.mark.browser


def test_a_reader_finds_the_methods_and_reads_one(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    method = Method.objects.get(municipality=live_demo["stavanger"], name="Prosjektveiviseren")
    page = new_page(user="leser")
    visit(page, "/")

    follow(page, page.locator(".hh-nav a[href='/metoder/']"))
    assert page.locator("#methods tbody tr").count() == 4

    follow(page, page.locator(f"#methods a[href='/metoder/{method.pk}/']"))
    assert path_of(page) == f"/metoder/{method.pk}/"
    assert page.locator("#levels tbody tr").count() == 3
    assert page.locator(".hh-phase").count() == 6
