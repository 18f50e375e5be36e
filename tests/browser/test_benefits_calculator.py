"""Budget cuts and the before/after calculator in the browser: the project owner finds the
dispensers' table 4 on the plan with its differences spelled out, adds a budget cut from this
budget year and sees it marked as taken before the benefit is realised, and opens the
calculation to change it. axe runs on every page, including a form sent back with errors."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from helhet.benefits.models import BudgetCut
from helhet.organization.models import Municipality, OrgUnit
from tests.benefits.cuts_calculator_helpers import saved_table_4
from tests.benefits.helpers import benefit
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, t, visit

pytestmark = pytest.mark.browser


def test_the_project_owner_adds_a_budget_cut_and_sees_the_calculators_differences(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    found = benefit(stavanger)
    saved_table_4(found)
    plan_url = f"/gevinster/tiltak/{found.initiative_id}/"
    this_year = timezone.localdate().year

    owner = new_page(user="eier")
    visit(owner, plan_url)
    card = owner.locator(f"#benefit-{found.pk}")
    table = card.locator(f"#calculation-{found.pk}")
    expect(table).to_contain_text("3\u00a0085\u00a0162,5")
    expect(table).to_contain_text("\u22121\u00a0613\u00a0482,5")
    differences = card.locator(f"#calculation-{found.pk}-differences")
    expect(differences).to_contain_text("1\u00a0471\u00a0680")
    expect(differences).to_contain_text("\u2212281")
    expect(differences.locator("li")).to_have_count(5)

    follow(owner, card.locator(f"#add-budget-cut-{found.pk}"))
    owner.locator("#id_unit").select_option(
        str(OrgUnit.objects.get(municipality=stavanger, name="Hjemmebaserte tjenester").pk)
    )
    owner.locator("#id_amount").fill("åtte hundre tusen")
    owner.locator("#id_budget_year").fill(str(this_year))
    submit(owner, "#budget-cut-form", status=400)
    expect(owner.locator("#id_amount_error1")).to_be_visible()

    owner.locator("#id_amount").fill("806 882")
    owner.locator("#id_comment").fill("Halve gevinsten, siden leieprisen halverer den.")
    submit(owner, "#budget-cut-form")
    assert path_of(owner) == plan_url
    added = BudgetCut.objects.get(benefit=found)
    row = card.locator(f"#budget-cut-{added.pk}")
    expect(row).to_contain_text("Hjemmebaserte tjenester")
    expect(row).to_contain_text("806\u00a0882 kr")
    expect(row.locator(".hh-cut-risk")).to_have_text(t("Cut before the benefit is realised"))

    follow(owner, card.locator(f'a[href="/gevinster/{found.pk}/beregning/"]'))
    expect(owner.locator("#id_stated_after_yearly")).to_have_value("1\u00a0471\u00a0399")
    owner.locator("#id_users").fill("null")
    submit(owner, "#calculation-form", status=400)
    owner.locator("#id_users").fill("30")
    submit(owner, "#calculation-form")
    assert path_of(owner) == plan_url
    # With 30 users only the yearly cost after is off, and the per-user cost after with it.
    expect(card.locator(f"#calculation-{found.pk}-differences li")).to_have_count(2)

    visit(owner, f"/gevinster/kutt/{added.pk}/endre/")
    visit(owner, f"/gevinster/kutt/{added.pk}/slett/")
    visit(owner, f"/gevinster/{found.pk}/beregning/slett/")
    reader = new_page(user="leser")
    visit(reader, plan_url)
    expect(reader.locator(f"#add-budget-cut-{found.pk}")).to_have_count(0)
    expect(reader.locator(f"#calculation-{found.pk}-differences")).to_be_visible()
