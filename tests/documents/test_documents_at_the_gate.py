"""The gate: a decision is asked for and approved only when every document the phase requires
at the project's level has a version or is marked "not relevant"; every decision records the
documents it was made on, each in its version."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.documents.models import DecisionDocument, ProjectDocument
from helhet.documents.selectors import DocumentState, required_documents
from helhet.documents.services import (
    document_not_relevant_mark,
    document_not_relevant_undo,
    document_version_create,
)
from helhet.methodology.models import DecisionRequest, ProjectMethod
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.portfolio.services import initiative_delete
from helhet.projects.services.gates import decision_make, decision_request_create
from tests.documents.helpers import (
    fill_required_documents,
    full_state,
    open_document,
    requirement_named,
)
from tests.projects.matrix_projects import level, project

pytestmark = pytest.mark.django_db

MANDATE = "Mandat for konseptfasen"


def _ask_refusal(names: str) -> str:
    return _(
        "Fill in, upload or mark as not relevant these documents before you ask for the "
        "decision: %(documents)s."
    ) % {"documents": names}


def _approve_refusal(names: str) -> str:
    return _(
        "The phase cannot be approved while these documents are missing: %(documents)s. "
        "Send the request back instead."
    ) % {"documents": names}


def _pending(initiative: Initiative) -> DecisionRequest:
    return DecisionRequest.objects.get(initiative=initiative, status="pending")


def _eier() -> User:
    return User.objects.get(username="eier")


def test_the_phase_requires_its_documents_at_the_projects_level(stavanger: Municipality) -> None:
    small = project(stavanger, "Trygghetsalarm")
    run = ProjectMethod.objects.get(initiative=small)
    assert [row.requirement.name for row in required_documents(run)] == [MANDATE]
    concept = run.version.phases.get(name="Konsept")
    assert [row.requirement.name for row in required_documents(run, concept)] == ["Prosjektforslag"]
    run.level = level(run.version, "stor")
    run.save()
    assert [row.requirement.name for row in required_documents(run, concept)] == [
        "Prosjektbegrunnelse",
        "Prosjektforslag",
        "Faseplan for planleggingsfasen",
    ]


def test_a_decision_cannot_be_asked_for_while_a_document_is_missing(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        decision_request_create(actor=None, initiative=initiative)
    assert refused.value.messages == [_ask_refusal(MANDATE)]
    assert full_state() == before


def test_a_started_document_without_a_version_is_still_missing(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    open_document(initiative, requirement_named(initiative, MANDATE))
    with pytest.raises(ValidationError) as refused:
        decision_request_create(actor=None, initiative=initiative)
    assert refused.value.messages == [_ask_refusal(MANDATE)]


def test_the_refusal_names_every_missing_document(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)
    decision_make(actor=_eier(), request=_pending(initiative), outcome="approved")
    run = ProjectMethod.objects.get(initiative=initiative)
    run.level = level(run.version, "stor")
    run.save()
    with pytest.raises(ValidationError) as refused:
        decision_request_create(actor=None, initiative=initiative)
    assert refused.value.messages == [
        _ask_refusal("Prosjektbegrunnelse, Prosjektforslag, Faseplan for planleggingsfasen")
    ]


def test_a_document_marked_not_relevant_lets_the_decision_be_asked_for(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, MANDATE))
    document_not_relevant_mark(actor=None, document=document, reason="Lite innkjøp.")
    assert decision_request_create(actor=None, initiative=initiative).status == "pending"


def test_approval_is_refused_when_a_document_went_missing_after_the_request(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, MANDATE))
    document_not_relevant_mark(actor=None, document=document, reason="Lite innkjøp.")
    decision_request_create(actor=None, initiative=initiative)
    document_not_relevant_undo(actor=None, document=document)
    before = full_state()
    for outcome in ("approved", "approved_with_conditions"):
        with pytest.raises(ValidationError) as refused:
            decision_make(
                actor=_eier(), request=_pending(initiative), outcome=outcome, comment="Vilkår."
            )
        assert refused.value.messages == [_approve_refusal(MANDATE)]
    assert full_state() == before


def test_a_request_with_a_missing_document_can_be_sent_back_and_records_it(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, MANDATE))
    document_not_relevant_mark(actor=None, document=document, reason="Lite innkjøp.")
    decision_request_create(actor=None, initiative=initiative)
    document_not_relevant_undo(actor=None, document=document)
    decision = decision_make(
        actor=_eier(), request=_pending(initiative), outcome="sent_back", comment="Mandat mangler."
    )
    record = DecisionDocument.objects.get(decision=decision)
    assert (record.requirement.name, record.version, record.not_relevant) == (
        MANDATE,
        None,
        False,
    )


def test_a_decision_records_the_version_it_was_made_on(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, MANDATE))
    document_version_create(actor=None, document=document, content={"goal": "Første"})
    decision_request_create(actor=None, initiative=initiative)
    second = document_version_create(actor=None, document=document, content={"goal": "Andre"})
    decision = decision_make(actor=_eier(), request=_pending(initiative), outcome="approved")
    document_version_create(actor=None, document=document, content={"goal": "Tredje"})
    record = DecisionDocument.objects.get(decision=decision)
    assert record.version == second
    assert record.version is not None
    assert record.version.number == 2


def test_a_decision_records_not_relevant_with_the_reason(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, MANDATE))
    document_not_relevant_mark(actor=None, document=document, reason="Lite innkjøp.")
    decision_request_create(actor=None, initiative=initiative)
    decision = decision_make(actor=_eier(), request=_pending(initiative), outcome="approved")
    record = DecisionDocument.objects.get(decision=decision)
    assert (record.version, record.not_relevant, record.not_relevant_reason) == (
        None,
        True,
        "Lite innkjøp.",
    )


def test_the_next_phase_asks_for_its_own_documents(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision_make(actor=_eier(), request=_pending(initiative), outcome="approved")
    run = ProjectMethod.objects.get(initiative=initiative)
    states = {row.requirement.name: row.state for row in required_documents(run)}
    assert states == {"Prosjektforslag": DocumentState.MISSING}
    with pytest.raises(ValidationError) as refused:
        decision_request_create(actor=None, initiative=initiative)
    assert refused.value.messages == [_ask_refusal("Prosjektforslag")]


def test_an_initiative_with_decided_documents_can_still_be_deleted(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision_make(actor=_eier(), request=_pending(initiative), outcome="approved")
    assert DecisionDocument.objects.exists()
    initiative_delete(actor=None, initiative=initiative)
    assert not DecisionDocument.objects.exists()
    assert not ProjectDocument.objects.exists()
