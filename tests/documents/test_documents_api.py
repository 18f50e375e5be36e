"""The documents in the API: the phase says each required document's state and what is
missing, a request is refused while a document is missing, and the decision log says which
documents, in which version, each decision was made on."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.documents.services import document_not_relevant_mark, document_version_create
from helhet.methodology.models import DecisionRequest
from helhet.organization.models import Municipality
from helhet.projects.services.gates import decision_make, decision_request_create
from tests.documents.helpers import full_state, open_document, requirement_named
from tests.projects.matrix_projects import project

Headers = Callable[[str], dict[str, str]]
MANDATE = "Mandat for konseptfasen"

pytestmark = pytest.mark.django_db


def test_the_phase_lists_the_missing_documents(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    body = (
        Client()
        .get(f"/api/v1/initiatives/{initiative.pk}/phase", headers=api_headers("leser"))
        .json()
    )
    assert [(d["name"], d["state"]) for d in body["documents"]] == [(MANDATE, "missing")]
    assert [d["name"] for d in body["missing"]] == [MANDATE]
    assert body["missing"][0]["document_id"] is None


def test_the_phase_gives_the_latest_version_or_the_reason(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, MANDATE))
    document_version_create(actor=None, document=document, content={"goal": "1"})
    latest = document_version_create(actor=None, document=document, content={"goal": "2"})
    path = f"/api/v1/initiatives/{initiative.pk}/phase"
    line = Client().get(path, headers=api_headers("leser")).json()["documents"][0]
    assert (line["state"], line["version"], line["version_id"]) == ("version", 2, latest.pk)
    document_not_relevant_mark(actor=None, document=document, reason="Lite innkjøp.")
    body = Client().get(path, headers=api_headers("leser")).json()
    assert (body["documents"][0]["state"], body["documents"][0]["not_relevant_reason"]) == (
        "not_relevant",
        "Lite innkjøp.",
    )
    assert body["missing"] == []


def test_a_request_is_refused_while_a_document_is_missing(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    headers = api_headers("prosjektleder")
    before = full_state()
    response = Client().post(
        f"/api/v1/initiatives/{initiative.pk}/decision-requests",
        {"note": ""},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    message = _(
        "Fill in, upload or mark as not relevant these documents before you ask for the "
        "decision: %(documents)s."
    ) % {"documents": MANDATE}
    assert message in str(response.json())
    assert full_state() == before


def test_the_decision_log_names_the_documents_in_their_versions(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, MANDATE))
    version = document_version_create(actor=None, document=document, content={"goal": "Mål"})
    decision_request_create(actor=None, initiative=initiative)
    decision_make(
        actor=User.objects.get(username="eier"),
        request=DecisionRequest.objects.get(initiative=initiative),
        outcome="approved",
    )
    body = (
        Client()
        .get(f"/api/v1/initiatives/{initiative.pk}/decisions", headers=api_headers("leser"))
        .json()
    )
    assert body[0]["documents"] == [
        {
            "type": "mandate",
            "name": MANDATE,
            "state": "version",
            "version": 1,
            "version_id": version.pk,
            "not_relevant_reason": "",
        }
    ]
