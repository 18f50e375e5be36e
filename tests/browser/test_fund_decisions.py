"""The portfolio office assesses an application (formal requirements, then the criteria), the
leader reads the ranked list and grants it in part from the application's page; axe runs on
every page, and the pages fit at 1024 px without sideways scrolling. Screenshots at 1280 and
1024 px go to the test's folder for a person to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import check_axe, follow, visit
from tests.fund.decision_helpers import application, round_

pytestmark = pytest.mark.browser


def test_the_office_assesses_and_the_leader_grants_in_part(
    new_page: NewPage, live_demo: dict[str, Municipality], tmp_path: Path
) -> None:
    stavanger = live_demo["stavanger"]
    made = application(
        stavanger,
        years={2027: "1000000", 2028: "500000"},
        in_round=round_(stavanger),
        analysis=[("1500000", "0"), ("0", "700000"), ("0", "700000"), ("0", "700000")],
    )

    office = new_page(user="portefolje")
    office.set_viewport_size({"width": 1280, "height": 900})
    visit(office, f"/fond/soknader/{made.pk}/")
    follow(office, office.locator("#assess-application"))
    check_axe(office)
    office.get_by_label("Ja, kravene er oppfylt").check()
    with office.expect_navigation():
        office.get_by_role("button", name="Lagre kontrollen av formelle krav").click()
    for label, score in (("Nytte for innbyggerne", "5"), ("Strategisk", "4"), ("Gjennomf", "3")):
        office.get_by_label(label, exact=False).first.select_option(score)
    with office.expect_navigation():
        office.get_by_role("button", name="Lagre poengene").click()
    expect(office.locator("#weighted-now")).to_contain_text("4,33 av 5")
    check_axe(office)
    office.screenshot(path=tmp_path / "assess-1280.png", full_page=True)

    leader = new_page(user="direktor")
    leader.set_viewport_size({"width": 1024, "height": 900})
    visit(leader, f"/fond/{made.fund_id}/rangering/")
    expect(leader.locator(f"#rank-{made.pk}")).to_contain_text("4,33")
    check_axe(leader)
    assert leader.evaluate("document.documentElement.scrollWidth") <= 1024
    leader.screenshot(path=tmp_path / "ranking-1024.png", full_page=True)

    visit(leader, f"/fond/soknader/{made.pk}/")
    check_axe(leader)
    follow(leader, leader.locator("#decide-application"))
    assert leader.evaluate("document.documentElement.scrollWidth") <= 1024
    leader.get_by_label("Delvis innvilget").check()
    leader.get_by_label("Tilsagn 2027 (kr)").fill("800 000")
    leader.get_by_label("Vilkår").fill("Gevinstrealiseringsplan før endelig tilsagn.")
    leader.get_by_label("Saksnummer").fill("26/1234")
    with leader.expect_navigation():
        leader.get_by_role("button", name="Registrer vedtaket").click()
    expect(leader.locator("#decisions")).to_contain_text("sak 26/1234")
    check_axe(leader)
    leader.screenshot(path=tmp_path / "decide-1024.png", full_page=True)
    print(tmp_path)
