"""The portfolio office opens the overview, filters it, sorts it, saves the view and uses it again;
a reader sees the same overview without the buttons that change anything."""

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from helhet.accounts.models import User
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import AssessmentStatus, Initiative, InitiativeKind, SavedView
from helhet.portfolio.services import FundingLine, initiative_create, status_report_create
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit

pytestmark = pytest.mark.browser


def _initiative(
    stavanger: Municipality,
    name: str,
    unit: str,
    kind: str = InitiativeKind.PROJECT,
    **fields: Any,
) -> Initiative:
    return initiative_create(
        actor=None,
        municipality=stavanger,
        name=name,
        kind=kind,
        owning_unit=OrgUnit.objects.get(municipality=stavanger, name=unit),
        **fields,
    )


def _portfolio(stavanger: Municipality) -> None:
    leader = User.objects.get(username="prosjektleder")
    spider = _initiative(
        stavanger,
        "Spider",
        "E-helse og velferdsteknologi",
        project_leader=leader,
        estimated_cost=Decimal("1613764"),
        planned_start=date(2017, 5, 1),
        processes_personal_data=True,
        ros_status=AssessmentStatus.PLANNED,
        funding=[FundingLine("digitalisation_fund", Decimal("1000000"))],
    )
    _initiative(stavanger, "Kvikktest Lervig", "Smartby", estimated_cost=Decimal("1500000"))
    _initiative(stavanger, "Datasjø", "IT-avdelingen", kind=InitiativeKind.IDEA)
    _initiative(stavanger, "RPA", "Innovasjon og digitalisering", estimated_cost=Decimal("300000"))
    status_report_create(
        actor=leader,
        initiative=spider,
        ratings={
            "progress": "green",
            "economy": "yellow",
            "quality": "green",
            "risk": "green",
            "benefits": "green",
        },
        comments={},
        summary="Rutene er optimalisert i to soner.",
        reported_at=timezone.now() - timedelta(days=3),
        period_start=date(2020, 1, 1),
        period_end=date(2020, 1, 31),
    )


def _names(page: Page) -> list[str]:
    rows = page.locator("table.hh-initiatives tbody tr td:first-child a")
    return [name.strip() for name in rows.all_inner_texts()]


def test_portfolio_office_filters_sorts_and_saves_a_view_of_the_overview(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    _portfolio(live_demo["stavanger"])
    page = new_page(user="portefolje")
    visit(page, "/portefolje/")

    assert _names(page) == ["Datasjø", "Kvikktest Lervig", "RPA", "Spider"]
    expect(page.locator('main a[href="/portefolje/tiltak/ny/"]')).to_be_visible()
    expect(page.locator("#without-ros-count")).to_have_text(re.compile(r"^1\b"))

    # Filter: projects only.
    page.locator("#id_kind_1").check()
    submit(page, "form[role=search]")
    assert path_of(page) == "/portefolje/?kind=project"
    assert _names(page) == ["Kvikktest Lervig", "RPA", "Spider"]
    expect(page.locator("#id_kind_1")).to_be_checked()
    expect(page.locator("#active-filters-heading")).to_be_visible()

    # Sort by estimated cost, then the other way.
    follow(page, page.locator('table.hh-initiatives thead a[href="?kind=project&sort=cost"]'))
    assert _names(page) == ["RPA", "Kvikktest Lervig", "Spider"]
    expect(page.locator('th[aria-sort="ascending"]')).to_have_count(1)
    follow(page, page.locator('table.hh-initiatives thead a[href="?kind=project&sort=-cost"]'))
    assert _names(page) == ["Spider", "Kvikktest Lervig", "RPA"]
    expect(page.locator('th[aria-sort="descending"]')).to_have_count(1)

    # Save the view and share it.
    page.locator("#id_name").fill("Dyreste prosjekter")
    page.locator("#id_shared").check()
    submit(page, "form.hh-save-view")
    assert path_of(page) == "/portefolje/?kind=project&sort=-cost"
    saved = page.locator('.hh-saved-views a[href="/portefolje/?kind=project&sort=-cost"]')
    expect(saved).to_have_text("Dyreste prosjekter")
    assert SavedView.objects.get().shared

    # Clear the filters, then come back through the saved view.
    follow(page, page.locator(".hh-active-filters a[href='/portefolje/']"))
    assert len(_names(page)) == 4
    follow(page, page.locator('.hh-saved-views a[href="/portefolje/?kind=project&sort=-cost"]'))
    assert _names(page) == ["Spider", "Kvikktest Lervig", "RPA"]

    # The summary's counts filter too.
    follow(page, page.locator("#without-ros-count"))
    assert "without_ros=on" in path_of(page)
    assert _names(page) == ["Spider"]

    # Delete the view again, after confirming.
    view = SavedView.objects.get()
    follow(page, page.locator(f'main a[href="/portefolje/visninger/{view.pk}/slett/"]'))
    submit(page, "main form")
    assert path_of(page) == "/portefolje/"
    assert not SavedView.objects.exists()


def test_a_reader_sees_the_overview_without_register_or_import(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    _portfolio(live_demo["stavanger"])
    page = new_page(user="leser")
    visit(page, "/portefolje/?sort=-reported")

    assert _names(page)[0] == "Spider"
    expect(page.locator('main a[href="/portefolje/tiltak/ny/"]')).to_have_count(0)
    expect(page.locator('main a[href="/portefolje/import/"]')).to_have_count(0)
    expect(page.locator("table.hh-initiatives tbody tr").first.locator(".ds-tag")).to_be_visible()


def test_an_empty_portfolio_is_accessible(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    page = new_page(user="portefolje")
    visit(page, "/portefolje/")

    expect(page.locator(".hh-overview-empty")).to_be_visible()


def test_many_initiatives_are_paginated_accessibly(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    unit = OrgUnit.objects.get(municipality=stavanger, name="Smartby")
    Initiative.objects.bulk_create(
        Initiative(
            municipality=stavanger, kind="project", name=f"Prosjekt {i:03d}", owning_unit=unit
        )
        for i in range(120)
    )
    page = new_page(user="direktor")
    visit(page, "/portefolje/")

    follow(page, page.locator('nav.ds-pagination a[href="?page=2"]').first)
    assert _names(page)[0] == "Prosjekt 050"
    expect(page.locator('nav.ds-pagination a[aria-current="true"]')).to_have_attribute(
        "href", "?page=2"
    )
