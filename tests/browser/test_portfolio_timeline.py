"""The timeline and the cross-department view in a browser: a table a keyboard user tabs
through, names that unfold from a count, the same filters as the overview, and axe on every
page."""

from datetime import date
from typing import Any

import pytest

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeKind, InitiativeStatus
from helhet.portfolio.services import initiative_create
from tests.browser.conftest import NewPage
from tests.browser.helpers import check_axe, path_of, submit, visit
from tests.conftest import unit_named

pytestmark = pytest.mark.browser


def _portfolio(stavanger: Municipality) -> None:
    leader = User.objects.get(username="prosjektleder")

    def make(name: str, unit: str, kind: str = InitiativeKind.PROJECT, **fields: Any) -> None:
        initiative_create(
            actor=None,
            municipality=stavanger,
            name=name,
            kind=kind,
            owning_unit=unit_named(stavanger, unit),
            **fields,
        )

    make(
        "Spider",
        "E-helse og velferdsteknologi",
        planned_start=date(2017, 5, 1),
        planned_end=date(2019, 12, 31),
        project_leader=leader,
        m2m={"participating_units": [unit_named(stavanger, "Hundvåg hjemmebaserte tjenester")]},
    )
    make(
        "Kvikktest Lervig",
        "Smartby",
        planned_start=date(2020, 6, 1),
        planned_end=date(2020, 12, 31),
        status=InitiativeStatus.COMPLETED,
        project_leader=leader,
    )
    make("Datasjø", "Smartby", planned_start=date(2019, 1, 1), project_leader=leader)
    make("Medisindispensere", "E-helse og velferdsteknologi", project_leader=leader)
    make("Felles kommunal journal", "Stavanger legevakt", kind=InitiativeKind.IDEA)


def test_the_timeline_is_a_table_a_keyboard_user_can_tab_through(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    _portfolio(live_demo["stavanger"])
    page = new_page(user="leser")
    visit(page, "/portefolje/tidslinje/")

    table = page.locator("table.tl-table")
    assert table.locator("caption").is_visible()
    assert table.locator("th[scope=rowgroup]").count() == 2  # E-helse and Smartby
    assert table.locator("tbody th[scope=row]").count() == 3
    assert page.locator("#undated-heading").is_visible()

    # Every initiative on the timeline is a link in the table, reached with Tab alone.
    reached = set()
    for _stop in range(60):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "() => document.activeElement.closest('table.tl-table') !== null"
            " && document.activeElement.tagName === 'A'"
        )
        if inside:
            reached.add(page.evaluate("() => document.activeElement.textContent"))
    assert reached == {"Spider", "Kvikktest Lervig", "Datasjø"}


def test_the_timeline_filters_like_the_overview(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    _portfolio(live_demo["stavanger"])
    page = new_page(user="portefolje")
    visit(page, "/portefolje/tidslinje/")

    page.locator("details.hh-view-filters > summary").click()
    page.locator("input[name=status][value=completed]").check()
    page.locator("#id_months").fill("12")
    page.locator("#id_from").fill("2020-01")
    submit(page, "details.hh-view-filters form")

    assert "status=completed" in path_of(page)
    rows = page.locator("table.tl-table tbody th[scope=row]")
    assert rows.locator("a").all_inner_texts() == ["Kvikktest Lervig"]
    assert page.locator("table.tl-table .tl-bar.tl-s-6.tl-w-7").count() == 1


def test_the_cross_department_view_unfolds_names_from_the_keyboard(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    _portfolio(live_demo["stavanger"])
    page = new_page(user="direktor")
    visit(page, "/portefolje/tverrgaende/")

    assert page.locator("table.hh-cross caption").first.is_visible()
    people = page.locator("section[aria-labelledby=people-heading] table tbody tr")
    assert people.count() == 1  # Hanne Vik leads four initiatives, more than three
    summary = people.first.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    names = people.first.locator(".hh-names__list a")
    assert names.first.is_visible()
    assert names.count() == 4
    check_axe(page)

    smartby = page.locator("tr.hh-cross__department", has=page.locator("th", has_text="Smartby"))
    smartby.locator("td").first.locator("summary").click()
    assert smartby.locator(".hh-names__list a").all_inner_texts() == [
        "Datasjø",
        "Kvikktest Lervig",
    ]
