"""The portfolio office changes a method: it opens Prosjektveiviseren, makes a draft of a new
version, adds a checkpoint to BP2 and a required document to the concept phase, publishes, and
finds version 2 current with version 1 kept in the history. axe runs on every page."""

import pytest
from playwright.sync_api import expect

from helhet.methodology.models import ChecklistItem, DocumentRequirement, Method
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit

pytestmark = pytest.mark.browser

CHECKPOINT = "Arkitekturrådet har vurdert løsningsalternativene."


def test_the_portfolio_office_publishes_a_new_version(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    method = Method.objects.get(municipality=stavanger, name="Prosjektveiviseren")
    first = method.versions.get(is_current=True)
    page = new_page(user="portefolje")

    visit(page, "/metoder/")
    follow(page, page.locator(f'#methods a[href="/metoder/{method.pk}/"]'))
    submit(page, "#draft-form")
    draft = method.versions.get(published_at__isnull=True)
    assert path_of(page) == f"/metoder/versjon/{draft.pk}/rediger/"

    concept = draft.phases.get(name="Konsept")
    phase = page.locator(f"#phase-{concept.pk}")
    follow(page, phase.locator(f'a[href="/metoder/faser/{concept.pk}/sjekkpunkter/ny/"]'))
    page.locator("#id_text").fill(CHECKPOINT)
    page.locator("#id_source").select_option("Kommunens egen")
    small = draft.levels.get(code="liten")
    page.locator(f'#id_levels input[value="{small.pk}"]').uncheck()
    submit(page, "#part-form")
    expect(page.locator(f"#phase-{concept.pk}")).to_contain_text(CHECKPOINT)

    follow(page, phase.locator(f'a[href="/metoder/faser/{concept.pk}/dokumentkrav/ny/"]'))
    page.locator("#id_document_type").select_option("other")
    page.locator("#id_name").fill("ROS-analyse")
    submit(page, "#part-form")
    expect(page.locator(f"#phase-{concept.pk}")).to_contain_text("ROS-analyse")

    follow(page, page.locator("#publish-link"))
    submit(page, "#publish-form")
    assert path_of(page) == f"/metoder/{method.pk}/"
    expect(page.locator("#version-2")).to_contain_text("2")
    expect(page.locator("#version-2 .ds-tag")).to_be_visible()
    expect(page.locator("#version-1")).to_be_visible()
    expect(page.locator("main")).to_contain_text(CHECKPOINT)

    item = ChecklistItem.objects.get(text=CHECKPOINT)
    assert item.decision_point.code == "BP2"
    assert {level.code for level in item.levels.all()} == {"middels", "stor"}
    assert DocumentRequirement.objects.filter(phase=concept, name="ROS-analyse").exists()

    follow(page, page.locator(f'#version-1 a[href="/metoder/versjon/{first.pk}/"]'))
    expect(page.locator("main")).not_to_contain_text(CHECKPOINT)


def test_the_method_forms_pass_axe(new_page: NewPage, live_demo: dict[str, Municipality]) -> None:
    stavanger = live_demo["stavanger"]
    method = Method.objects.get(municipality=stavanger, name="Smartbyprosessen")
    page = new_page(user="admin")

    visit(page, "/metoder/ny/")
    visit(page, f"/metoder/{method.pk}/endre/")
    visit(page, f"/metoder/{method.pk}/utkast/")
    submit(page, "#draft-form")
    draft = method.versions.get(published_at__isnull=True)
    phase = draft.phases.order_by("position").first()
    level = draft.levels.order_by("position").first()
    criterion = draft.criteria.order_by("position").first()
    assert phase is not None and level is not None and criterion is not None
    visit(page, f"/metoder/faser/{phase.pk}/")
    page.locator("#id_decider").select_option("person")
    submit(page, "#part-form", status=400)
    visit(page, f"/metoder/versjon/{draft.pk}/faser/ny/")
    visit(page, f"/metoder/nivaer/{level.pk}/")
    visit(page, f"/metoder/versjon/{draft.pk}/nivaer/ny/")
    visit(page, f"/metoder/kriterier/{criterion.pk}/")
    visit(page, f"/metoder/{method.pk}/utkast/")
    visit(page, f"/metoder/versjon/{draft.pk}/forkast/")
    submit(page, "#discard-form")
    assert path_of(page) == f"/metoder/{method.pk}/"
    assert not method.versions.filter(published_at__isnull=True).exists()
