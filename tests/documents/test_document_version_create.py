"""A new version filled in as the document type's structured form."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.documents.models import DocumentVersion, ProjectDocument
from helhet.documents.services import (
    MAX_FIELD_LENGTH,
    document_not_relevant_mark,
    document_version_create,
)
from helhet.documents.structure import STRUCTURE, headings
from helhet.methodology.models import DocumentType
from helhet.organization.models import Municipality
from tests.documents.helpers import full_state, open_document, requirement_named
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db


def _mandate(stavanger: Municipality) -> ProjectDocument:
    initiative = project(stavanger, "Trygghetsalarm")
    return open_document(initiative, requirement_named(initiative, "Mandat for konseptfasen"))


def test_every_document_type_has_a_form() -> None:
    assert set(STRUCTURE) == set(DocumentType.values)


def test_the_mandate_asks_for_what_digdirs_template_asks() -> None:
    keys = [heading.key for heading in headings(DocumentType.MANDATE)]
    assert keys == [
        "background",
        "goal",
        "scope",
        "deliverables",
        "organisation",
        "cost_frame",
        "time_frame",
        "risks",
    ]


def test_the_steering_document_has_the_owners_approval() -> None:
    assert "owner_approval" in [h.key for h in headings(DocumentType.STEERING_DOCUMENT)]


def test_saving_the_form_makes_version_one_then_two(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    leader = User.objects.get(username="prosjektleder")
    first = document_version_create(
        actor=leader, document=document, content={"background": "  Alarmene er gamle.  "}
    )
    second = document_version_create(
        actor=leader, document=document, content={"background": "Alarmene er gamle.", "goal": "Ny"}
    )
    assert (first.number, second.number) == (1, 2)
    assert first.created_by == leader
    assert first.content is not None
    assert first.content["background"] == "Alarmene er gamle."
    assert set(first.content) == {h.key for h in headings(DocumentType.MANDATE)}
    assert not first.is_file


def test_a_field_the_form_does_not_have_is_dropped(stavanger: Municipality) -> None:
    version = document_version_create(
        actor=None, document=_mandate(stavanger), content={"goal": "Mål", "extra": "Ukjent"}
    )
    assert version.content is not None
    assert "extra" not in version.content


def test_an_empty_form_is_refused_and_nothing_is_saved(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_version_create(actor=None, document=document, content={"goal": "   "})
    assert refused.value.messages == [_("Fill in at least one field.")]
    assert full_state() == before


def test_saving_the_same_again_is_refused(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    document_version_create(actor=None, document=document, content={"goal": "Mål"})
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_version_create(actor=None, document=document, content={"goal": "Mål "})
    assert refused.value.messages == [
        _("Nothing has changed since version %(number)s.") % {"number": 1}
    ]
    assert full_state() == before


def test_a_field_too_long_is_refused(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_version_create(
            actor=None, document=document, content={"goal": "x" * (MAX_FIELD_LENGTH + 1)}
        )
    assert refused.value.message_dict == {
        "goal": [_("Write at most %(count)s characters.") % {"count": MAX_FIELD_LENGTH}]
    }
    assert full_state() == before


def test_a_document_marked_not_relevant_takes_no_version(stavanger: Municipality) -> None:
    document = _mandate(stavanger)
    document_not_relevant_mark(actor=None, document=document, reason="Kjøpes inn som tjeneste.")
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_version_create(actor=None, document=document, content={"goal": "Mål"})
    assert refused.value.messages == [
        _("The document is marked not relevant. Undo that before you add a version of it.")
    ]
    assert full_state() == before


def test_versions_record_who_made_them_in_the_history(stavanger: Municipality) -> None:
    leader = User.objects.get(username="prosjektleder")
    version = document_version_create(
        actor=leader, document=_mandate(stavanger), content={"goal": "Mål"}
    )
    record = DocumentVersion.history.get(id=version.pk)
    assert record.history_user == leader
    assert record.history_type == "+"
