"""A project leader registers an initiative, fills it in, reports its status and reads it back;
the portfolio office maintains the strategic goals. axe runs on every page."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from helhet.accounts.models import User
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import GoalKind, GoalLevel, Initiative, StrategicGoal
from helhet.portfolio.services import goal_create, initiative_create, initiative_update
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit

pytestmark = pytest.mark.browser

DETAIL_URL = re.compile(r"^/portefolje/tiltak/(\d+)/$")


def test_a_project_leader_registers_fills_in_and_reports_on_an_initiative(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    unit = OrgUnit.objects.get(municipality=stavanger, name="E-helse og velferdsteknologi")
    goal_create(
        actor=None,
        municipality=stavanger,
        name="Digitalt førstevalg",
        level=GoalLevel.MUNICIPAL,
        kind=GoalKind.GOAL,
    )
    page = new_page(user="prosjektleder")

    visit(page, "/portefolje/tiltak/ny/")
    page.locator("#id_name").fill("Digitalt tilsyn")
    page.locator("#id_kind").select_option("project")
    page.locator("#id_owning_unit").select_option(str(unit.pk))
    page.locator("#id_short_description").fill("Kamera og sensorer for nattilsyn.")
    submit(page)

    match = DETAIL_URL.match(path_of(page))
    assert match, path_of(page)
    pk = int(match.group(1))
    expect(page.locator("main h1")).to_have_text("Digitalt tilsyn")
    expect(page.locator("main")).to_contain_text("Hanne Vik")  # she leads what she registered

    follow(page, page.locator(f'main a[href="/portefolje/tiltak/{pk}/endre/"]'))
    page.locator("#id_planned_start").fill("2025-01-06")
    page.locator("#id_planned_end").fill("2025-12-19")
    page.locator("#id_estimated_cost").fill("1 200 000")
    page.locator("#id_processes_personal_data").check()
    page.locator("main fieldset", has=page.locator("#id_goals_0")).locator("#id_goals_0").check()
    page.locator("#id_tags").fill("velferdsteknologi, nattilsyn")
    page.locator("#id_funding-0-source").select_option("digitalisation_fund")
    page.locator("#id_funding-0-amount").fill("300000")
    page.locator("#id_funding-0-note").fill("Søknad til digitaliseringsfondet")
    submit(page, "main form.hh-initiative-form")

    assert path_of(page) == f"/portefolje/tiltak/{pk}/"
    main = page.locator("main")
    expect(main).to_contain_text("1\u00a0200\u00a0000 kr")
    expect(main).to_contain_text("300\u00a0000 kr")
    expect(main).to_contain_text("Digitalt førstevalg")
    expect(page.locator("#privacy-warning")).to_be_visible()

    follow(page, page.locator(f'main a[href="/portefolje/tiltak/{pk}/status/ny/"]').first)
    for aspect, rating in (
        ("progress", "green"),
        ("economy", "green"),
        ("quality", "green"),
        ("risk", "yellow"),
        ("benefits", "green"),
    ):
        page.locator(f'input[name="{aspect}"][value="{rating}"]').check()
    page.locator("#id_risk_comment").fill("ROS er ikke ferdig.")
    page.locator("#id_summary").fill("Utstyret er bestilt; pilot på Hundvåg i mars.")
    submit(page)

    assert path_of(page) == f"/portefolje/tiltak/{pk}/"
    latest = page.locator("#latest-report")
    expect(latest).to_contain_text("Utstyret er bestilt; pilot på Hundvåg i mars.")
    expect(latest).to_contain_text("ROS er ikke ferdig.")
    expect(latest.locator('.ds-tag[data-color="warning"]')).not_to_have_count(0)
    expect(page.locator("#reports-heading ~ div table tbody tr")).to_have_count(1)
    initiative = Initiative.objects.get(pk=pk)
    assert initiative.project_leader is not None
    assert initiative.funding_sources.count() == 1


def test_the_portfolio_office_maintains_a_strategic_goal(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    strategy = goal_create(
        actor=None,
        municipality=live_demo["stavanger"],
        name="Digitaliseringsstrategi 2014–2029",
        level=GoalLevel.MUNICIPAL,
        kind=GoalKind.STRATEGY,
    )
    page = new_page(user="portefolje")
    visit(page, "/portefolje/mal/")
    follow(page, page.locator(f'main a[href="/portefolje/mal/ny/?parent={strategy.pk}"]'))

    page.locator("#id_name").fill("Personvern og informasjonssikkerhet")
    page.locator("#id_kind").select_option("focus_area")
    submit(page)

    assert path_of(page) == "/portefolje/mal/"
    goal = StrategicGoal.objects.get(name="Personvern og informasjonssikkerhet")
    assert goal.parent == strategy
    expect(page.locator(f"#goal-{strategy.pk} #goal-{goal.pk}")).to_contain_text(
        "Personvern og informasjonssikkerhet"
    )

    follow(page, page.locator(f'main a[href="/portefolje/mal/{goal.pk}/endre/"]'))
    page.locator("#id_name").fill("Personvern og sikkerhet")
    submit(page)
    follow(page, page.locator(f'main a[href="/portefolje/mal/{goal.pk}/historikk/"]'))
    expect(page.locator("main table tbody tr").first).to_contain_text("Lars Eide")

    visit(page, f"/portefolje/mal/{strategy.pk}/slett/")  # has a goal below: no delete button
    expect(page.locator("main form button[type=submit]")).to_have_count(0)
    visit(page, f"/portefolje/mal/{goal.pk}/slett/")
    submit(page)
    assert path_of(page) == "/portefolje/mal/"
    assert not StrategicGoal.objects.filter(pk=goal.pk).exists()


def test_relations_links_a_conflicting_save_and_deleting_as_the_portfolio_office(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    unit = OrgUnit.objects.get(municipality=stavanger, name="Smartby")
    sluk = initiative_create(
        actor=None, municipality=stavanger, name="Smarte sluk", kind="project", owning_unit=unit
    )
    drone = initiative_create(
        actor=None, municipality=stavanger, name="Droneprosjektet", kind="project", owning_unit=unit
    )
    page = new_page(user="portefolje")

    visit(page, f"/portefolje/tiltak/{sluk.pk}/")
    follow(page, page.locator(f'main a[href="/portefolje/tiltak/{sluk.pk}/relasjoner/ny/"]'))
    page.locator("#id_kind").select_option("overlaps")
    page.locator("#id_target").select_option(str(drone.pk))
    submit(page)
    expect(page.locator("main")).to_contain_text("Droneprosjektet")

    follow(page, page.locator(f'main a[href="/portefolje/tiltak/{sluk.pk}/lenker/ny/"]'))
    page.locator("#id_title").fill("Prosjektforslag")
    page.locator("#id_url").fill("ftp://filer.example/forslag.pdf")
    submit(page, status=400)
    page.locator("#id_url").fill("https://filer.example/forslag.pdf")
    submit(page)
    link = page.locator('main a[href="https://filer.example/forslag.pdf"]')
    expect(link).to_have_attribute("rel", "external noopener noreferrer")

    visit(page, f"/portefolje/tiltak/{sluk.pk}/endre/")
    page.locator("#id_need").fill("Varsle før overvann.")
    initiative_update(  # someone else saves while the form is open
        actor=User.objects.get(username="admin"),
        initiative=sluk,
        expected_version=1,
        fields={"estimated_cost": Decimal("80000")},
    )
    submit(page, "main form.hh-initiative-form", status=409)
    expect(page.locator("#conflict")).to_contain_text("Siri Haugen")
    expect(page.locator("#id_need")).to_have_value("Varsle før overvann.")
    submit(page, "main form.hh-initiative-form")  # saved deliberately, now on top of version 2
    assert path_of(page) == f"/portefolje/tiltak/{sluk.pk}/"
    sluk.refresh_from_db()
    assert (sluk.need, sluk.estimated_cost) == ("Varsle før overvann.", Decimal("80000"))

    follow(page, page.locator(f'main a[href="/portefolje/tiltak/{drone.pk}/"]'))
    visit(page, f"/portefolje/tiltak/{drone.pk}/slett/")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.locator("main form button[type=submit]").click()
    assert answer.value.status == 302
    assert not Initiative.objects.filter(pk=drone.pk).exists()
