"""A project runs on a method and moves only through decisions: the project leader chooses the
method for an initiative she leads and asks for a decision; the project owner finds it among the
decisions waiting for him and approves it; the phase moves. axe runs on every page."""

import pytest
from playwright.sync_api import expect

from helhet.methodology.models import Method, ProjectMethod
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.documents.helpers import fill_required_documents
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.browser


def test_the_leader_asks_and_the_owner_approves(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    method = Method.objects.get(municipality=stavanger, name="Prosjektveiviseren")
    version = method.versions.get(is_current=True)
    project_url = f"/prosjekter/{initiative.pk}/"

    leader = new_page(user="prosjektleder")
    visit(leader, f"/portefolje/tiltak/{initiative.pk}/")
    follow(leader, leader.locator(f'#method-phase a[href="{project_url}velg-metode/"]'))
    leader.locator("#id_version").select_option(str(version.pk))
    leader.locator("#id_level").select_option(str(version.levels.get(code="liten").pk))
    submit(leader, "#choose-form")
    assert path_of(leader) == project_url
    expect(leader.locator('#phases [aria-current="step"]')).to_contain_text("Idé")

    # While the mandate is missing, asking is disabled and the page says what is missing.
    expect(leader.locator("#ask-disabled")).to_be_disabled()
    expect(leader.locator("#missing-documents")).to_contain_text("Mandat")
    fill_required_documents(initiative)  # the gate needs the mandate (see test_documents.py)
    visit(leader, project_url)
    submit(leader, "#ask-form")
    expect(leader.locator("#pending-request")).to_be_visible()

    owner = new_page(user="eier")
    visit(owner, "/prosjekter/beslutninger/")
    follow(owner, owner.locator(f'#waiting a[href="{project_url}"]'))
    owner.locator("#decision-form input[value='approved']").check()
    owner.locator("#id_comment").fill("Mandatet er godt nok.")
    submit(owner, "#decision-form")
    assert path_of(owner) == project_url
    expect(owner.locator('#phases [aria-current="step"]')).to_contain_text("Konsept")
    expect(owner.locator("#decision-log tbody tr")).to_have_count(1)
    assert ProjectMethod.objects.get(initiative=initiative).current_phase.name == "Konsept"

    visit(leader, project_url)
    expect(leader.locator("#decision-log")).to_contain_text("Mandatet er godt nok.")
    visit(leader, f"{project_url}be-om-beslutning/")
    visit(owner, f"{project_url}beslutt/")
