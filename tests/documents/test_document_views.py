"""The document pages: the project's documents with their states and actions, a document's
versions, a new version as a form or a file, "not relevant" and its undoing, one version and
the download; who may do what, and that a refusal changes nothing."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext as _
from pytest_django.fixtures import Settings

from helhet.accounts.models import User
from helhet.documents.models import DocumentVersion, ProjectDocument
from helhet.documents.services import (
    document_not_relevant_mark,
    document_version_create,
    document_version_upload,
)
from helhet.documents.structure import headings
from helhet.methodology.models import DecisionRequest
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.services.gates import decision_make, decision_request_create
from tests.conftest import count_queries
from tests.documents import files
from tests.documents.helpers import full_state, open_document, requirement_named, stored_files
from tests.projects.matrix_projects import project

Login = Callable[[str], Client]
MANDATE = "Mandat for konseptfasen"


def _initiative(stavanger: Municipality) -> Initiative:
    return project(stavanger, "Trygghetsalarm")


def _mandate(stavanger: Municipality) -> ProjectDocument:
    initiative = _initiative(stavanger)
    return open_document(initiative, requirement_named(initiative, MANDATE))


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


# --- The project page and the project's documents ---------------------------------------------


def test_the_project_page_lists_the_required_documents_with_their_state(
    stavanger: Municipality, login: Login
) -> None:
    initiative = _initiative(stavanger)
    page = _text(login("prosjektleder").get(f"/prosjekter/{initiative.pk}/"))
    assert 'id="documents"' in page
    assert MANDATE in page
    assert 'data-state="missing"' in page
    assert 'id="documents-missing"' in page
    assert f'action="/dokumenter/prosjekt/{initiative.pk}/"' in page


def test_a_reader_sees_the_states_but_no_actions(stavanger: Municipality, login: Login) -> None:
    document = _mandate(stavanger)
    document_version_create(actor=None, document=document, content={"goal": "Mål"})
    page = _text(login("leser").get(f"/prosjekter/{document.initiative_id}/"))
    assert 'data-state="version"' in page
    assert "/dokumenter/prosjekt/" in page  # the link to all documents
    assert "ny-versjon" not in page
    assert '<form method="post" action="/dokumenter/' not in page


def test_the_projects_documents_page_shows_every_phase(
    stavanger: Municipality, login: Login
) -> None:
    initiative = _initiative(stavanger)
    page = _text(login("leser").get(f"/dokumenter/prosjekt/{initiative.pk}/"))
    for name in (MANDATE, "Prosjektforslag", "Gevinstrealiseringsplan", "Sluttrapport"):
        assert name in page
    assert "Prosjektbegrunnelse" not in page  # only at levels medium and large


def test_starting_a_document_goes_on_to_the_chosen_page(
    stavanger: Municipality, login: Login
) -> None:
    initiative = _initiative(stavanger)
    requirement = requirement_named(initiative, MANDATE)
    response = login("prosjektleder").post(
        f"/dokumenter/prosjekt/{initiative.pk}/",
        {"requirement": requirement.pk, "next": "upload"},
    )
    document = ProjectDocument.objects.get(initiative=initiative, requirement=requirement)
    assert response.status_code == 302
    assert response["Location"] == f"/dokumenter/{document.pk}/last-opp/"


def test_a_reader_cannot_start_a_document(stavanger: Municipality, login: Login) -> None:
    initiative = _initiative(stavanger)
    requirement = requirement_named(initiative, MANDATE)
    client = login("leser")
    before = full_state()
    response = client.post(
        f"/dokumenter/prosjekt/{initiative.pk}/", {"requirement": requirement.pk, "next": "form"}
    )
    assert response.status_code == 403
    assert full_state() == before


def test_a_document_not_required_cannot_be_started(stavanger: Municipality, login: Login) -> None:
    initiative = _initiative(stavanger)
    requirement = requirement_named(initiative, "Prosjektbegrunnelse")
    client = login("prosjektleder")
    before = full_state()
    response = client.post(
        f"/dokumenter/prosjekt/{initiative.pk}/", {"requirement": requirement.pk, "next": "form"}
    )
    assert response.status_code == 400
    assert full_state() == before


def test_the_projects_documents_page_makes_a_fixed_number_of_queries(
    stavanger: Municipality, login: Login
) -> None:
    initiative = _initiative(stavanger)
    client = login("leser")
    path = f"/dokumenter/prosjekt/{initiative.pk}/"
    first = open_document(initiative, requirement_named(initiative, MANDATE))
    document_version_create(actor=None, document=first, content={"goal": "Mål"})
    few = count_queries(client, path)
    for name in ("Prosjektforslag", "Gevinstrealiseringsplan", "Sluttrapport"):
        document = open_document(initiative, requirement_named(initiative, name))
        for number in range(3):
            key = headings(document.requirement.document_type)[0].key
            document_version_create(actor=None, document=document, content={key: str(number)})
    assert count_queries(client, path) == few


# --- A document and its versions --------------------------------------------------------------


def test_the_document_page_lists_the_versions_newest_first(
    stavanger: Municipality, login: Login
) -> None:
    document = _mandate(stavanger)
    leader = User.objects.get(username="prosjektleder")
    document_version_create(actor=leader, document=document, content={"goal": "Første"})
    document_version_upload(
        actor=leader, document=document, upload=files.upload("mandat.pdf", files.pdf())
    )
    page = _text(login("leser").get(f"/dokumenter/{document.pk}/"))
    assert 'id="versions"' in page
    assert page.index(_("Version %(number)s") % {"number": 2}) < page.index(
        _("Version %(number)s") % {"number": 1}
    )
    assert "mandat.pdf" in page
    assert leader.get_full_name() in page or leader.username in page
    assert 'id="new-version-link"' not in page  # a reader only reads


def test_the_versions_list_makes_a_fixed_number_of_queries(
    stavanger: Municipality, login: Login
) -> None:
    document = _mandate(stavanger)
    leader = User.objects.get(username="prosjektleder")
    document_version_create(actor=leader, document=document, content={"goal": "0"})
    client = login("prosjektleder")
    few = count_queries(client, f"/dokumenter/{document.pk}/")
    for number in range(1, 12):
        document_version_create(actor=leader, document=document, content={"goal": str(number)})
    assert count_queries(client, f"/dokumenter/{document.pk}/") == few


def test_a_new_version_starts_from_the_newest_form(stavanger: Municipality, login: Login) -> None:
    document = _mandate(stavanger)
    document_version_create(actor=None, document=document, content={"goal": "Raskere alarm"})
    form = login("prosjektleder").get(f"/dokumenter/{document.pk}/ny-versjon/").context["form"]
    assert form.initial["goal"] == "Raskere alarm"


def test_the_form_saves_a_new_version(stavanger: Municipality, login: Login) -> None:
    document = _mandate(stavanger)
    response = login("prosjektleder").post(
        f"/dokumenter/{document.pk}/ny-versjon/",
        {"background": "Gamle alarmer.\nMange feil.", "goal": "Nye alarmer."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/dokumenter/{document.pk}/"
    version = document.versions.get()
    assert version.content is not None
    assert version.content["background"] == "Gamle alarmer.\nMange feil."


def test_an_empty_form_answers_400_with_the_reason_and_changes_nothing(
    stavanger: Municipality, login: Login
) -> None:
    document = _mandate(stavanger)
    client = login("prosjektleder")
    before = full_state()
    response = client.post(f"/dokumenter/{document.pk}/ny-versjon/", {})
    assert response.status_code == 400
    assert escape(_("Fill in at least one field.")) in _text(response)
    assert full_state() == before


def test_someone_who_may_not_change_the_initiative_cannot_add_a_version(
    stavanger: Municipality, login: Login
) -> None:
    document = _mandate(stavanger)
    client = login("direktor")
    before = full_state()
    response = client.post(f"/dokumenter/{document.pk}/ny-versjon/", {"goal": "Mål"})
    assert response.status_code == 403
    assert full_state() == before


def test_a_version_is_shown_as_text_never_as_html(stavanger: Municipality, login: Login) -> None:
    document = _mandate(stavanger)
    version = document_version_create(
        actor=None,
        document=document,
        content={"goal": '<script>alert("x")</script>\nLinje to <b>fet</b>'},
    )
    page = _text(login("leser").get(f"/dokumenter/versjon/{version.pk}/"))
    assert "<script>alert" not in page
    assert "<b>fet</b>" not in page
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nLinje to &lt;b&gt;fet&lt;/b&gt;"
    assert escaped in page
    assert 'id="version-fields"' in page


# --- Uploads and downloads --------------------------------------------------------------------


def test_uploading_a_pdf_makes_a_version(
    stavanger: Municipality, login: Login, upload_dir: Path
) -> None:
    document = _mandate(stavanger)
    response = login("prosjektleder").post(
        f"/dokumenter/{document.pk}/last-opp/", {"file": files.upload("mandat.pdf", files.pdf())}
    )
    assert response.status_code == 302
    version = document.versions.get()
    assert (version.file_type, version.original_name) == ("pdf", "mandat.pdf")
    assert (upload_dir / version.stored_name).exists()


def test_an_upload_of_a_kind_not_accepted_answers_400_and_stores_nothing(
    stavanger: Municipality, login: Login
) -> None:
    document = _mandate(stavanger)
    client = login("prosjektleder")
    before = full_state()
    response = client.post(
        f"/dokumenter/{document.pk}/last-opp/",
        {"file": files.upload("mandat.pdf", files.executable())},
    )
    assert response.status_code == 400
    refusal = _(
        "“%(name)s” is not a file of a kind Helhet accepts, judged by its content. "
        "Accepted: %(accepted)s."
    ) % {"name": "mandat.pdf", "accepted": "…"}
    assert escape(refusal.split("…")[0]) in _text(response)
    assert full_state() == before
    assert stored_files() == []


def test_an_upload_over_the_limit_is_stopped_while_it_is_read(
    stavanger: Municipality, login: Login, settings: Settings
) -> None:
    settings.HELHET_UPLOAD_MAX_BYTES = 1000
    document = _mandate(stavanger)
    client = login("prosjektleder")
    before = full_state()
    response = client.post(
        f"/dokumenter/{document.pk}/last-opp/",
        {"file": files.upload("mandat.pdf", files.pdf() + b"0" * 200_000)},
    )
    assert response.status_code == 400
    message = _("The file is too large. Files may be at most %(limit)s.") % {
        "limit": filesizeformat(1000)
    }
    assert escape(message) in _text(response)
    assert response.context["form"].errors["file"] == [message]
    assert full_state() == before
    assert stored_files() == []


def test_an_upload_without_a_file_asks_for_one(stavanger: Municipality, login: Login) -> None:
    document = _mandate(stavanger)
    client = login("prosjektleder")
    before = full_state()
    response = client.post(f"/dokumenter/{document.pk}/last-opp/", {})
    assert response.status_code == 400
    assert escape(_("Choose a file to upload.")) in _text(response)
    assert full_state() == before


def test_the_upload_checks_the_csrf_token(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="prosjektleder"))
    before = full_state()
    response = client.post(
        f"/dokumenter/{document.pk}/last-opp/", {"file": files.upload("mandat.pdf", files.pdf())}
    )
    assert response.status_code == 403
    assert full_state() == before


def _pdf_version(stavanger: Municipality) -> DocumentVersion:
    return document_version_upload(
        actor=None,
        document=_mandate(stavanger),
        upload=files.upload("Mandat for «trygghet».pdf", files.pdf()),
    )


def test_the_download_is_an_attachment_of_the_detected_kind(
    stavanger: Municipality, login: Login
) -> None:
    version = _pdf_version(stavanger)
    response = login("leser").get(f"/dokumenter/versjon/{version.pk}/fil/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''Mandat%20for%20%C2%ABtrygghet%C2%BB.pdf"
        in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == files.pdf()  # type: ignore[attr-defined]


def test_another_municipality_cannot_download(stavanger: Municipality, login: Login) -> None:
    version = _pdf_version(stavanger)
    response = login("bergen-admin").get(f"/dokumenter/versjon/{version.pk}/fil/")
    assert response.status_code == 404


def test_a_form_version_has_no_file_to_download(stavanger: Municipality, login: Login) -> None:
    version = document_version_create(
        actor=None, document=_mandate(stavanger), content={"goal": "Mål"}
    )
    assert login("leser").get(f"/dokumenter/versjon/{version.pk}/fil/").status_code == 404


def test_uploaded_files_are_not_served_as_static_files(
    stavanger: Municipality, login: Login
) -> None:
    version = _pdf_version(stavanger)
    client = login("admin")
    for path in (f"/static/{version.stored_name}", f"/static/uploads/{version.stored_name}"):
        assert client.get(path).status_code == 404


# --- Not relevant -----------------------------------------------------------------------------


def test_marking_not_relevant_through_the_page(stavanger: Municipality, login: Login) -> None:
    document = _mandate(stavanger)
    response = login("prosjektleder").post(
        f"/dokumenter/{document.pk}/ikke-relevant/", {"reason": "Kjøpes som tjeneste."}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.not_relevant, document.not_relevant_reason) == (True, "Kjøpes som tjeneste.")


def test_marking_not_relevant_without_a_reason_answers_400(
    stavanger: Municipality, login: Login
) -> None:
    document = _mandate(stavanger)
    client = login("prosjektleder")
    before = full_state()
    response = client.post(f"/dokumenter/{document.pk}/ikke-relevant/", {})
    assert response.status_code == 400
    assert escape(_("Say why the document is not relevant.")) in _text(response)
    assert full_state() == before


def test_undoing_not_relevant_through_the_page(stavanger: Municipality, login: Login) -> None:
    document = document_not_relevant_mark(
        actor=None, document=_mandate(stavanger), reason="Kjøpes som tjeneste."
    )
    client = login("eier")
    assert "Kjøpes som tjeneste." in _text(client.get(f"/dokumenter/{document.pk}/relevant-igjen/"))
    response = client.post(f"/dokumenter/{document.pk}/relevant-igjen/")
    assert response.status_code == 302
    document.refresh_from_db()
    assert not document.not_relevant


def test_undoing_a_mark_that_is_not_there_answers_400(
    stavanger: Municipality, login: Login
) -> None:
    document = _mandate(stavanger)
    client = login("eier")
    before = full_state()
    response = client.post(f"/dokumenter/{document.pk}/relevant-igjen/")
    assert response.status_code == 400
    assert escape(_("The document is not marked not relevant.")) in _text(response)
    assert full_state() == before


# --- The decision log -------------------------------------------------------------------------


def test_the_decision_log_shows_the_documents_in_their_versions(
    stavanger: Municipality, login: Login
) -> None:
    document = _mandate(stavanger)
    initiative = document.initiative
    version = document_version_create(actor=None, document=document, content={"goal": "Mål"})
    decision_request_create(actor=None, initiative=initiative)
    decision_make(
        actor=User.objects.get(username="eier"),
        request=DecisionRequest.objects.get(initiative=initiative),
        outcome="approved",
    )
    page = _text(login("leser").get(f"/prosjekter/{initiative.pk}/"))
    log = page[page.index('id="decision-log"') :]
    assert MANDATE in log
    assert f'href="/dokumenter/versjon/{version.pk}/"' in log


def test_the_ask_page_refuses_with_the_missing_documents(
    stavanger: Municipality, login: Login
) -> None:
    initiative = _initiative(stavanger)
    client = login("prosjektleder")
    before = full_state()
    response = client.post(f"/prosjekter/{initiative.pk}/be-om-beslutning/")
    assert response.status_code == 400
    message = _(
        "Fill in, upload or mark as not relevant these documents before you ask for the "
        "decision: %(documents)s."
    ) % {"documents": MANDATE}
    assert escape(message) in _text(response)
    assert full_state() == before


@pytest.fixture(autouse=True)
def _db(db: None) -> None:
    """Every test here uses the database."""
