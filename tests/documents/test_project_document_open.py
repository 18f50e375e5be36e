"""Starting work on one of the documents the project's method requires."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.documents.models import ProjectDocument
from helhet.documents.services import project_document_open
from helhet.methodology.models import DocumentRequirement
from helhet.organization.models import Municipality
from tests.documents.helpers import full_state, requirement_named
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db

REFUSED = {"requirement": [_("Choose one of the documents the project's method requires.")]}


def test_a_document_is_started_once(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    requirement = requirement_named(initiative, "Mandat for konseptfasen")
    first = project_document_open(actor=None, initiative=initiative, requirement=requirement)
    again = project_document_open(actor=None, initiative=initiative, requirement=requirement)
    assert first == again
    assert ProjectDocument.objects.filter(initiative=initiative).count() == 1
    assert not first.not_relevant


def test_a_document_of_a_later_phase_may_be_started(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    requirement = requirement_named(initiative, "Sluttrapport")
    document = project_document_open(actor=None, initiative=initiative, requirement=requirement)
    assert document.requirement == requirement


def test_a_document_not_required_at_the_projects_level_is_refused(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")  # level Liten
    requirement = requirement_named(initiative, "Prosjektbegrunnelse")  # medium and large
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        project_document_open(actor=None, initiative=initiative, requirement=requirement)
    assert refused.value.message_dict == REFUSED
    assert full_state() == before


def test_another_methods_document_is_refused(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    other = DocumentRequirement.objects.get(
        municipality=stavanger,
        phase__version__method__name="Lett metode for små forbedringer",
        phase__version__is_current=True,
    )
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        project_document_open(actor=None, initiative=initiative, requirement=other)
    assert refused.value.message_dict == REFUSED
    assert full_state() == before


def test_another_municipalitys_document_is_refused(
    stavanger: Municipality, bergen: Municipality
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    theirs = DocumentRequirement.objects.filter(
        municipality=bergen, name="Mandat for konseptfasen"
    ).first()
    assert theirs is not None
    before = full_state()
    with pytest.raises(ValidationError):
        project_document_open(actor=None, initiative=initiative, requirement=theirs)
    assert full_state() == before


def test_an_initiative_without_a_method_has_no_documents_to_start(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    requirement = DocumentRequirement.objects.filter(municipality=stavanger).first()
    assert requirement is not None
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        project_document_open(actor=None, initiative=initiative, requirement=requirement)
    assert refused.value.message_dict == REFUSED
    assert full_state() == before
