"""A benefits realisation plan is built by the project leader: she opens the plan from the
initiative she leads, adds a benefit with a benefits owner in the line, then an indicator with a
baseline and a target. axe runs on every page, including a form sent back with errors."""

import pytest
from playwright.sync_api import expect

from helhet.accounts.models import User
from helhet.benefits.models import Benefit
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.browser


def test_the_project_leader_adds_a_benefit_with_an_owner_and_an_indicator(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    initiative = project(stavanger, "Medisindispensere", method=None)
    owner = User.objects.get(username="gevinsteier")
    plan_url = f"/gevinster/tiltak/{initiative.pk}/"

    leader = new_page(user="prosjektleder")
    visit(leader, f"/portefolje/tiltak/{initiative.pk}/")
    follow(leader, leader.locator("#benefits-plan-link a"))
    assert path_of(leader) == plan_url
    expect(leader.locator("#no-benefits")).to_be_visible()

    follow(leader, leader.locator("#add-benefit"))
    leader.locator("#id_title").fill("Færre hjemmebesøk")
    leader.locator("#id_kind").select_option("direct")
    leader.locator("#id_planned_amount").fill("mange")
    submit(leader, "#benefit-form", status=400)
    expect(leader.locator("#id_planned_amount_error1")).to_be_visible()

    leader.locator("#id_planned_amount").fill("1 613 764")
    leader.locator("#id_dimension").select_option("economy")
    leader.locator("#id_category").select_option("efficiency")
    leader.locator("#id_due_date").fill("2027-12-31")
    leader.locator("#id_realisation_method").fill("Budsjettkutt i hjemmetjenesten.")
    leader.locator("#id_responsible").select_option(str(User.objects.get(username="eier").pk))
    leader.locator(f"#benefit-form input[name=owners][value='{owner.pk}']").check()
    submit(leader, "#benefit-form")
    assert path_of(leader) == plan_url
    benefit = Benefit.objects.get(initiative=initiative)
    card = leader.locator(f"#benefit-{benefit.pk}")
    expect(card).to_contain_text("Færre hjemmebesøk")
    expect(card).to_contain_text(owner.get_full_name())
    expect(card.locator(".hh-no-indicator")).to_be_visible()

    follow(leader, card.locator(f'a[href="/gevinster/{benefit.pk}/indikatorer/ny/"]'))
    leader.locator("#id_name").fill("Besøk per dag")
    leader.locator("#id_unit").select_option("count")
    leader.locator("#id_baseline_value").fill("69")
    leader.locator("#id_baseline_date").fill("2026-01-01")
    leader.locator("#id_target_value").fill("31,5")
    leader.locator("#id_target_date").fill("2027-12-31")
    leader.locator("#id_frequency").select_option("quarterly")
    submit(leader, "#indicator-form")
    assert path_of(leader) == plan_url
    rows = card.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Besøk per dag")
    expect(rows.first).to_contain_text("31,5")

    indicator = benefit.indicators.get()
    visit(leader, f"/gevinster/{benefit.pk}/endre/")
    visit(leader, f"/gevinster/indikatorer/{indicator.pk}/endre/")
    visit(leader, f"/gevinster/indikatorer/{indicator.pk}/slett/")
    reader = new_page(user="leser")
    visit(reader, plan_url)
    expect(reader.locator("#add-benefit")).to_have_count(0)
