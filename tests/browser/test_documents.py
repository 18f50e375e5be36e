"""A project's documents on the way to a decision: the project leader fills in the mandate as a
form, uploads it as a PDF, asks for BP1 and the owner approves it; in the next phase she marks
the project proposal not relevant with a reason and asks again. The decision log shows the
mandate's version. axe runs on every page."""

from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, expect
from pytest_django.fixtures import Settings

from helhet.documents.models import DocumentVersion, ProjectDocument
from helhet.methodology.models import DecisionRequest
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.documents import files
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.browser

MANDATE = "Mandat for konseptfasen"
PROPOSAL = "Prosjektforslag"


def test_the_leader_fills_in_uploads_and_marks_not_relevant_before_asking(
    new_page: NewPage,
    live_demo: dict[str, Municipality],
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.HELHET_UPLOAD_DIR = tmp_path / "uploads"
    initiative = project(live_demo["stavanger"], "Trygghetsalarm")
    project_url = f"/prosjekter/{initiative.pk}/"

    leader = new_page(user="prosjektleder")
    visit(leader, project_url)
    expect(leader.locator('#documents tr[data-state="missing"]')).to_have_count(1)
    expect(leader.locator("#documents-missing")).to_be_visible()

    # Fill in the mandate as a form.
    submit(leader, '#documents tr[data-state="missing"] form:has(input[value="form"])')
    document = ProjectDocument.objects.get(initiative=initiative, requirement__name=MANDATE)
    assert path_of(leader) == f"/dokumenter/{document.pk}/ny-versjon/"
    leader.locator("#id_background").fill("Trygghetsalarmene er analoge.\nMange feilalarmer.")
    leader.locator("#id_goal").fill("Velge digitale trygghetsalarmer.")
    submit(leader, "#version-form")
    assert path_of(leader) == f"/dokumenter/{document.pk}/"
    expect(leader.locator("#versions tbody tr")).to_have_count(1)

    # Upload the signed mandate as a PDF: version 2.
    follow(leader, leader.locator("#upload-link"))
    pdf: FilePayload = {"name": "mandat.pdf", "mimeType": "application/pdf", "buffer": files.pdf()}
    leader.locator("#id_file").set_input_files(files=[pdf])
    submit(leader, "#upload-form")
    assert path_of(leader) == f"/dokumenter/{document.pk}/"
    expect(leader.locator("#versions tbody tr")).to_have_count(2)
    upload = DocumentVersion.objects.get(document=document, number=2)
    follow(leader, leader.locator(f'#versions a[href="/dokumenter/versjon/{upload.pk}/"]'))
    expect(leader.locator("#download-link")).to_be_visible()

    # Ask for BP1; the owner approves.
    visit(leader, project_url)
    expect(leader.locator('#documents tr[data-state="version"]')).to_have_count(1)
    submit(leader, "#ask-form")
    expect(leader.locator("#pending-request")).to_be_visible()
    owner = new_page(user="eier")
    visit(owner, project_url)
    owner.locator("#decision-form input[value='approved']").check()
    submit(owner, "#decision-form")
    expect(owner.locator("#decision-log")).to_contain_text(MANDATE)
    expect(
        owner.locator(f'#decision-log a[href="/dokumenter/versjon/{upload.pk}/"]')
    ).to_be_visible()

    # In the concept phase the proposal is not relevant for so small a project.
    visit(leader, project_url)
    submit(leader, '#documents tr[data-state="missing"] form:has(input[value="not_relevant"])')
    proposal = ProjectDocument.objects.get(initiative=initiative, requirement__name=PROPOSAL)
    assert path_of(leader) == f"/dokumenter/{proposal.pk}/ikke-relevant/"
    submit(leader, "#not-relevant-form", status=400)  # no reason: refused, says why
    expect(leader.locator("#error-summary")).to_be_visible()
    leader.locator("#id_reason").fill("Et lite innkjøp av en ferdig tjeneste.")
    submit(leader, "#not-relevant-form")
    expect(leader.locator("#not-relevant")).to_contain_text("Et lite innkjøp")
    visit(leader, project_url)
    expect(leader.locator('#documents tr[data-state="not_relevant"]')).to_have_count(1)
    submit(leader, "#ask-form")
    expect(leader.locator("#pending-request")).to_be_visible()
    assert DecisionRequest.objects.filter(initiative=initiative, status="pending").count() == 1
    visit(leader, f"/dokumenter/prosjekt/{initiative.pk}/")
