"""The project leader applies to the digitalisation fund from the initiative she leads: the
link on the initiative's page, the form sent back with a bad amount, the application page with
its economic analysis, the analysis changed, and the application submitted. axe runs on every
page, the form with errors included."""

import pytest
from playwright.sync_api import expect

from helhet.fund.models import Application, ApplicationStatus
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, dispensers
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.fund.application_helpers import the_fund

pytestmark = pytest.mark.browser


def test_the_project_leader_applies_to_the_fund_and_submits(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    fund = the_fund(stavanger)
    initiative = dispensers(stavanger)
    benefit(stavanger)

    leader = new_page(user="prosjektleder")
    visit(leader, f"/portefolje/tiltak/{initiative.pk}/")
    follow(leader, leader.locator("#fund-apply-link a"))
    assert path_of(leader) == f"/fond/tiltak/{initiative.pk}/sok/"
    follow(leader, leader.locator(f'a[href="/fond/{fund.pk}/soknader/ny/?tiltak={initiative.pk}"]'))
    expect(leader.locator("#id_initiative")).to_have_value(str(initiative.pk))

    leader.locator("#id_project_description").fill("Medisindispensere i hjemmetjenesten.")
    leader.locator("#id_total_cost").fill("4 000 000")
    leader.locator("#id_amount_1").fill("mye")
    submit(leader, "#application-form", status=400)
    expect(leader.locator("#error-summary")).to_be_visible()
    leader.locator("#id_amount_1").fill("1 500 000")
    leader.locator("#id_funding_source_1").select_option("ks")
    leader.locator("#id_funding_amount_1").fill("500 000")
    submit(leader, "#application-form")
    application = Application.objects.get(initiative=initiative)
    assert path_of(leader) == f"/fond/soknader/{application.pk}/"
    expect(leader.locator("#ready")).to_be_visible()
    expect(leader.locator("#analysis-table tbody tr")).to_have_count(10)

    follow(leader, leader.locator("#change-analysis"))
    leader.locator("#id_benefit_0").fill("0")
    submit(leader, "#analysis-form")
    expect(leader.locator("#analysis-source")).to_be_visible()

    follow(leader, leader.locator("#submit-application"))
    submit(leader, "#submit-form")
    assert path_of(leader) == f"/fond/soknader/{application.pk}/"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    expect(leader.locator("#submit-application")).to_have_count(0)

    reader = new_page(user="leser")
    visit(reader, f"/fond/{fund.pk}/soknader/")
    expect(
        reader.locator(f'#applications a[href="/fond/soknader/{application.pk}/"]')
    ).to_be_visible()
