"""Digital first choice, as the portfolio office works with it: the maturity overview with the
audit's figures and a comparison, the plan with a gap no one has planned for, planning a step
carried by an initiative, the step on the service's and the initiative's pages, switching the
public page on, and the public page seen without logging in. axe runs on every page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from helhet.maturity.models import Answer, PlannedStep
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.maturity.plan_helpers import assess, import_audit, initiative, service, user

pytestmark = pytest.mark.browser


def test_the_portfolio_office_plans_the_way_to_digital_first_choice(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    import_audit(stavanger)
    assess(service(stavanger, "Hjemmehjelp"), date(2023, 3, 1), Answer.YES)
    carrier = initiative(stavanger, "Byggesak i eByggeSak", planned_end=date(2030, 12, 31))
    byggesak = service(stavanger, "Byggesøknad")

    office = new_page(user="portefolje")
    visit(office, "/tjenester/modenhet/")
    expect(office.locator("#counts-table tfoot")).to_contain_text("24")
    expect(office.locator("#maturity-chart")).to_be_visible()
    expect(office.locator("#comparison-table tbody tr")).to_have_count(5)
    office.locator("#id_on").fill("2021-06-30")
    submit(office, "#date-form")
    expect(office.locator("#full-services li")).to_have_count(2)

    visit(office, "/tjenester/plan/")
    block = office.locator(f"#service-{byggesak.pk}")
    expect(block.locator(".ds-tag[data-color='danger']")).to_have_count(1)
    follow(office, block.locator(f'a[href^="/tjenester/{byggesak.pk}/steg/ny/?level=2"]'))
    office.locator("#id_description").fill("Koble eByggeSak direkte til Public 360")
    office.locator("#id_initiative").select_option(str(carrier.pk))
    office.locator("#id_responsible").select_option(str(user("prosjektleder").pk))
    office.locator("#id_due_date").fill("2030-06-30")
    submit(office, "#step-form")
    assert path_of(office) == "/tjenester/plan/"
    expect(office.locator(f"#service-{byggesak.pk}")).to_contain_text(
        "Koble eByggeSak direkte til Public 360"
    )
    assert PlannedStep.objects.get(service=byggesak).initiative == carrier

    office.locator("#id_flagged").check()
    submit(office, "#plan-filters")
    expect(office.locator(f"#service-{byggesak.pk}")).to_have_count(0)

    visit(office, f"/tjenester/{byggesak.pk}/")
    expect(office.locator("#planned-steps")).to_contain_text(
        "Koble eByggeSak direkte til Public 360"
    )
    visit(office, f"/portefolje/tiltak/{carrier.pk}/")
    expect(office.locator("#initiative-services")).to_contain_text("Byggesøknad")

    visit(office, "/tjenester/innstillinger/")
    office.locator("#id_public_page").check()
    submit(office, "#settings-form")

    anyone = new_page()
    visit(anyone, "/offentlig/stavanger/tjenester/")
    expect(anyone.locator("#public-services")).to_contain_text("Barnehageplass")
    expect(anyone.locator("body")).not_to_contain_text("Koble eByggeSak")
    visit(anyone, "/offentlig/bergen/tjenester/", status=404)
