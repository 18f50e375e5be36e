"""Learning across departments as people use it: an initiative's page shows the work like it and
who to ask; a unit asks that department for help from there, the department's project leader
accepts and closes it; the portfolio office judges a probable overlap. axe runs on every page;
screenshots at 1280 and 1024 px go to /tmp/helhet-screens/."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from helhet.learning.models import HelpRequest, HelpStatus, Overlap
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.browser.conftest import NewPage
from tests.browser.helpers import check_axe, follow, submit, visit
from tests.conftest import unit_named

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


def _shoot(page: Page, name: str) -> None:
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"learning-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_similar_work_leads_to_help_and_the_office_judges_an_overlap(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    stavanger = live_demo["stavanger"]
    made = {}
    for name, unit in (
        ("Sensorer i omsorgsboliger", "E-helse og velferdsteknologi"),
        ("Trygghetssensorer i kommunale boliger", "Smartby"),
    ):
        made[unit] = initiative_create(
            actor=None,
            municipality=stavanger,
            name=name,
            kind=InitiativeKind.PROJECT,
            owning_unit=unit_named(stavanger, unit),
            short_description="Sensorer i omsorgsboliger varsler ved fall og når døren åpnes "
            "om natten.",
            project_leader=None,
        )

    asker = new_page(user="gevinsteier")
    visit(asker, f"/portefolje/tiltak/{made['Smartby'].pk}/")
    check_axe(asker)
    expect(asker.locator("#similar-work-initiatives")).to_contain_text("Sensorer i omsorgsboliger")
    _shoot(asker, "initiative-similar")
    follow(asker, asker.locator("#similar-work-who a", has_text="E-helse"))
    check_axe(asker)
    asker.locator("#id_from_unit").select_option(
        str(unit_named(stavanger, "Hundvåg hjemmebaserte tjenester").pk)
    )
    asker.locator("#id_title").fill("Hjelp med sensorer")
    asker.locator("#id_description").fill("Vi vil prøve det samme i Hundvåg.")
    _shoot(asker, "help-ask")
    submit(asker, "#help-form")
    asked = HelpRequest.objects.get(municipality=stavanger)
    assert asked.to_unit.name == "E-helse og velferdsteknologi"
    assert asked.initiative == made["Smartby"]

    department = new_page(user="prosjektleder")
    visit(department, f"/laering/hjelp/{asked.pk}/")
    department.locator("#help-answer-form input[value=accept]").check()
    department.locator("#id_answer").fill("Vi viser dere oppsettet på tirsdag.")
    _shoot(department, "help-answer")
    submit(department, "#help-answer-form")
    department.locator("#id_outcome").fill("Hundvåg har satt opp sensorene.")
    submit(department, "#help-close-form")
    expect(department.locator("#help-status")).to_have_text("Lukket")
    visit(department, "/laering/hjelp/?status=all")
    check_axe(department)
    _shoot(department, "help-list")
    assert HelpRequest.objects.get().status == HelpStatus.CLOSED

    office = new_page(user="portefolje")
    visit(office, "/laering/overlapp/")
    check_axe(office)
    _shoot(office, "overlaps")
    office.locator(".hh-overlap-verdict input[value=related]").first.check()
    submit(office, "form.hh-overlap-verdict >> nth=0")
    expect(office.locator("#overlap-verdicts")).to_contain_text("Beslektet")
    assert Overlap.objects.filter(municipality=stavanger).count() == 1
