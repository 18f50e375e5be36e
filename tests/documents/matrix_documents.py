"""A project's document pages in the role and tenancy matrices (see tests/matrix.py).

The target is "Trygghetsalarm" (see tests/projects/matrix_projects.py): owned by the demo
project owner (eier), led by the demo project leader (prosjektleder), waiting for BP1 with its
mandate filled in as version 1 and uploaded as a PDF in version 2. Everyone who may see the
portfolio reads its documents; those who may change the initiative (admin, portfolio office, its
owner and its leader) fill them in, upload and mark them not relevant."""

from __future__ import annotations

from helhet.accounts.roles import Capability
from helhet.documents.models import DocumentVersion, ProjectDocument
from helhet.documents.services import document_version_upload
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.documents import files
from tests.matrix import Target, View
from tests.projects.matrix_projects import EDITORS, owned_by_eier


def _initiative(stavanger: Municipality) -> Initiative:
    return owned_by_eier(stavanger)


def _mandate(stavanger: Municipality) -> ProjectDocument:
    return ProjectDocument.objects.get(
        initiative=_initiative(stavanger), requirement__name="Mandat for konseptfasen"
    )


def _form_version(stavanger: Municipality) -> DocumentVersion:
    return _mandate(stavanger).versions.get(number=1)


def _file_version(stavanger: Municipality) -> DocumentVersion:
    document = _mandate(stavanger)
    found = document.versions.filter(content__isnull=True).first()
    if found is not None:
        return found
    return document_version_upload(
        actor=None, document=document, upload=files.upload("mandat.pdf", files.pdf())
    )


def _initiative_pk(stavanger: Municipality) -> int:
    return _initiative(stavanger).pk


def _document_pk(stavanger: Municipality) -> int:
    return _mandate(stavanger).pk


def _form_version_pk(stavanger: Municipality) -> int:
    return _form_version(stavanger).pk


def _file_version_pk(stavanger: Municipality) -> int:
    return _file_version(stavanger).pk


ROLE_VIEWS = [
    View("documents:project_documents", (Capability.VIEW_PORTFOLIO,), _initiative_pk),
    View("documents:document_detail", (Capability.VIEW_PORTFOLIO,), _document_pk),
    View(
        "documents:version_create",
        (Capability.REGISTER_INITIATIVE,),
        _document_pk,
        allowed_roles=EDITORS,
    ),
    View(
        "documents:version_upload",
        (Capability.REGISTER_INITIATIVE,),
        _document_pk,
        allowed_roles=EDITORS,
    ),
    View(
        "documents:not_relevant_mark",
        (Capability.REGISTER_INITIATIVE,),
        _document_pk,
        allowed_roles=EDITORS,
    ),
    View(
        "documents:not_relevant_undo",
        (Capability.REGISTER_INITIATIVE,),
        _document_pk,
        allowed_roles=EDITORS,
    ),
    View("documents:version_detail", (Capability.VIEW_PORTFOLIO,), _form_version_pk),
    View("documents:version_download", (Capability.VIEW_PORTFOLIO,), _file_version_pk),
]


def _document_target(stavanger: Municipality) -> Target:
    document = _mandate(stavanger)
    post = {
        "background": "Bergen var her",
        "reason": "Bergen var her",
        "file": files.upload("bergen.pdf", files.pdf()),
    }
    return Target(document.pk, document.initiative.name, post)


def _initiative_target(stavanger: Municipality) -> Target:
    document = _mandate(stavanger)
    post = {"requirement": str(document.requirement_id), "next": "form"}
    return Target(document.initiative_id, document.initiative.name, post)


def _version_target(version: DocumentVersion) -> Target:
    return Target(version.pk, version.document.initiative.name)


TENANCY_HTML = {
    "documents:project_documents": _initiative_target,
    "documents:document_detail": _document_target,
    "documents:version_create": _document_target,
    "documents:version_upload": _document_target,
    "documents:not_relevant_mark": _document_target,
    "documents:not_relevant_undo": _document_target,
    "documents:version_detail": lambda stavanger: _version_target(_form_version(stavanger)),
    "documents:version_download": lambda stavanger: _version_target(_file_version(stavanger)),
}
