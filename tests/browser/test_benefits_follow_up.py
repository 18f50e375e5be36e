"""Follow-up in the line: the benefits owner sees the overdue measurement on the start page,
opens "My benefits", records a measurement (first with text in the number field, which is sent
back), and sees the achievement. axe runs on every page, including the form with errors, the
plan with its measurements, the status page and the empty page of someone who owns nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from helhet.benefits.models import Measurement
from helhet.organization.models import Municipality
from tests.benefits.helpers import dispensers, indicator
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit

pytestmark = pytest.mark.browser


def test_the_benefits_owner_records_a_measurement_and_sees_the_achievement(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    found = indicator(stavanger)
    initiative = dispensers(stavanger)

    owner = new_page(user="gevinsteier")
    visit(owner, "/")
    follow(owner, owner.locator("#home-my-benefits a[href='/gevinster/mine/']"))
    assert path_of(owner) == "/gevinster/mine/"
    row = owner.locator(f"#group-overdue-section #indicator-{found.pk}")
    expect(row).to_be_visible()

    follow(owner, row.locator("a.hh-record"))
    measured_on = (timezone.localdate() - timedelta(days=7)).isoformat()
    owner.locator("#id_measured_on").fill(measured_on)
    owner.locator("#id_value").fill("omtrent femti")
    submit(owner, "#measurement-form", status=400)
    expect(owner.locator("#id_value_error1")).to_be_visible()

    owner.locator("#id_value").fill("50")
    owner.locator("#id_comment").fill("Telt i turnuslisten for uke 47.")
    submit(owner, "#measurement-form")
    assert path_of(owner) == "/gevinster/mine/"
    expect(owner.locator(".hh-messages")).to_contain_text("51\u00a0%")
    row = owner.locator(f"#indicator-{found.pk}")
    expect(row.locator(".hh-achievement")).to_contain_text("51\u00a0%")
    expect(row.locator(".hh-trend")).to_contain_text("↗")
    assert Measurement.objects.get(indicator=found).comment == "Telt i turnuslisten for uke 47."

    visit(owner, f"/gevinster/tiltak/{initiative.pk}/")
    details = owner.locator(f"#measurements-{found.pk}")
    details.locator("summary").click()
    expect(details).to_contain_text("Telt i turnuslisten for uke 47.")
    delete_link = details.locator("a[href*='/slett/']")
    follow(owner, delete_link)
    visit(owner, f"/gevinster/{found.benefit_id}/status/")

    reader = new_page(user="leser")
    visit(reader, "/gevinster/mine/")
    expect(reader.locator("#no-benefits")).to_be_visible()
