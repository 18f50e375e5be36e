"""The portfolio office finds the projects held up at a gate: it filters the overview on method,
phase, waiting for a decision and blocked for more than N days, is told clearly when the number of
days in an address is wrong (the form's own check stops it before), and opens the page of how
long the decision points take. axe runs on every page."""

import pytest
from playwright.sync_api import expect

from helhet.methodology.models import DecisionOutcome, Method
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.projects.gate_history import ask, decide
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.browser

FILTERS = 'form[role="search"]'


def test_the_portfolio_office_finds_the_projects_blocked_at_a_gate(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    ask(project(stavanger, "Trygghetsalarm"), days_ago=20)
    held = project(stavanger, "Digital postkasse")
    decide(ask(held, days_ago=25), DecisionOutcome.SENT_BACK, days_ago=20)
    ask(held, days_ago=2)
    ask(project(stavanger, "Chatbot"), days_ago=3)
    project(stavanger, "Sensorer i skolen")
    method = Method.objects.get(municipality=stavanger, name="Prosjektveiviseren")

    page = new_page(user="portefolje")
    visit(page, "/portefolje/")
    page.locator("#id_method").select_option(str(method.pk))
    page.locator("#id_phase").select_option(f"{method.pk}:Idé")
    page.locator("#id_waiting").check()
    page.locator("#id_blocked_days").fill("10")
    submit(page, FILTERS)

    assert "blocked_days=10" in path_of(page) and "waiting=on" in path_of(page)
    rows = page.locator("table.hh-initiatives tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Digital postkasse")  # first asked 25 days ago
    expect(rows.nth(1)).to_contain_text("Trygghetsalarm")
    expect(page.locator(".hh-active-filters")).to_contain_text("Prosjektveiviseren – Idé")

    # The browser itself refuses 0 in the form (min="1"); an address can still carry it.
    visit(page, "/portefolje/?blocked_days=0&waiting=on")
    expect(page.locator("#id_blocked_days_error1")).to_be_visible()
    expect(page.locator(".ds-alert[data-color=warning]")).to_be_visible()
    # The bad filter is left out; the others still apply.
    expect(page.locator("table.hh-initiatives tbody tr")).to_have_count(3)

    visit(page, "/metoder/")
    follow(page, page.locator("#gate-times-link"))
    assert path_of(page) == "/prosjekter/beslutningstid/"
    expect(page.locator("#gate-times tbody tr")).to_have_count(1)
    expect(page.locator("#gate-times tbody tr")).to_contain_text("BP1")
