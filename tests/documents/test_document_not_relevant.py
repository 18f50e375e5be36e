"""Marking a document "ikke relevant" with a reason, and undoing it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.documents.models import ProjectDocument
from helhet.documents.selectors import DocumentState, required_documents
from helhet.documents.services import (
    document_not_relevant_mark,
    document_not_relevant_undo,
    document_version_create,
)
from helhet.methodology.models import ProjectMethod
from helhet.organization.models import Municipality
from tests.documents.helpers import full_state, open_document, requirement_named
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db


def _mandate(stavanger: Municipality) -> ProjectDocument:
    initiative = project(stavanger, "Trygghetsalarm")
    return open_document(initiative, requirement_named(initiative, "Mandat for konseptfasen"))


def _state(document: ProjectDocument) -> DocumentState:
    run = ProjectMethod.objects.get(initiative=document.initiative)
    return next(
        row.state for row in required_documents(run) if row.requirement == document.requirement
    )


def test_a_marked_document_counts_as_not_relevant_with_its_reason(
    stavanger: Municipality,
) -> None:
    document = document_not_relevant_mark(
        actor=None, document=_mandate(stavanger), reason="  Et lite innkjøp.  "
    )
    assert document.not_relevant
    assert document.not_relevant_reason == "Et lite innkjøp."
    assert _state(document) == DocumentState.NOT_RELEVANT


def test_undoing_the_mark_makes_the_document_missing_again(stavanger: Municipality) -> None:
    document = document_not_relevant_mark(
        actor=None, document=_mandate(stavanger), reason="Et lite innkjøp."
    )
    document = document_not_relevant_undo(actor=None, document=document)
    assert not document.not_relevant
    assert document.not_relevant_reason == ""
    assert _state(document) == DocumentState.MISSING


def test_a_document_with_versions_may_be_marked_and_keeps_them(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    document_version_create(actor=None, document=document, content={"goal": "Mål"})
    document_not_relevant_mark(actor=None, document=document, reason="Dekket av avtalen.")
    assert document.versions.count() == 1
    assert _state(document) == DocumentState.NOT_RELEVANT
    document_not_relevant_undo(actor=None, document=document)
    assert _state(document) == DocumentState.VERSION


def test_a_reason_is_required(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_not_relevant_mark(actor=None, document=document, reason="   ")
    assert refused.value.message_dict == {"reason": [_("Say why the document is not relevant.")]}
    assert full_state() == before


def test_a_document_the_method_always_requires_cannot_be_marked(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Ny vaktliste", method="Lett metode for små forbedringer")
    document = open_document(initiative, requirement_named(initiative, "Énsidesbeskrivelse"))
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_not_relevant_mark(actor=None, document=document, reason="Liten sak.")
    assert refused.value.messages == [
        _("“%(name)s” cannot be marked not relevant: the method requires it.")
        % {"name": "Énsidesbeskrivelse"}
    ]
    assert full_state() == before


def test_marking_twice_is_refused(stavanger: Municipality) -> None:
    document = document_not_relevant_mark(
        actor=None, document=_mandate(stavanger), reason="Et lite innkjøp."
    )
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_not_relevant_mark(actor=None, document=document, reason="Igjen.")
    assert refused.value.messages == [_("The document is already marked not relevant.")]
    assert full_state() == before


def test_undoing_a_mark_that_is_not_there_is_refused(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_not_relevant_undo(actor=None, document=document)
    assert refused.value.messages == [_("The document is not marked not relevant.")]
    assert full_state() == before
