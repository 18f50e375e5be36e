"""Every change to a project's documents goes through here: starting a document, a new version
filled in as a form or uploaded as a file, the mark "not relevant" and its undoing, and the
record of the documents a decision was made on. Versions are only ever added."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.core.text import DOCUMENT_TEXT
from helhet.documents import uploads
from helhet.documents.models import DecisionDocument, DocumentVersion, ProjectDocument
from helhet.documents.selectors import DocumentState, required_documents
from helhet.documents.structure import headings
from helhet.methodology.models import Decision, DocumentRequirement, Phase, ProjectMethod
from helhet.portfolio.models import Initiative

MAX_FIELD_LENGTH = DOCUMENT_TEXT


@transaction.atomic
def project_document_open(
    *, actor: User | None, initiative: Initiative, requirement: DocumentRequirement
) -> ProjectDocument:
    """The project's document for ``requirement``, started now if the project has none yet. The
    requirement must be one the project's method version requires at the project's level."""
    run = ProjectMethod.objects.filter(initiative=initiative).first()
    if (
        run is None
        or requirement.municipality_id != initiative.municipality_id
        or requirement.phase.version_id != run.version_id
        or not requirement.levels.filter(pk=run.level_id).exists()
    ):
        raise ValidationError(
            {"requirement": _("Choose one of the documents the project's method requires.")}
        )
    document = (
        ProjectDocument.objects.select_for_update()
        .filter(initiative=initiative, requirement=requirement)
        .first()
    )
    if document is None:
        document = ProjectDocument(
            municipality=initiative.municipality, initiative=initiative, requirement=requirement
        )
        save_with_history(document, actor=actor)
    return document


def _locked(document: ProjectDocument) -> ProjectDocument:
    """The document, locked for this transaction, refusing a new version while it is marked
    "not relevant"."""
    locked = ProjectDocument.objects.select_for_update().get(pk=document.pk)
    if locked.not_relevant:
        raise ValidationError(
            _("The document is marked not relevant. Undo that before you add a version of it.")
        )
    return locked


def _next_number(document: ProjectDocument) -> int:
    highest = document.versions.aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


@transaction.atomic
def document_version_create(
    *, actor: User | None, document: ProjectDocument, content: Mapping[str, Any]
) -> DocumentVersion:
    """A new version of the document filled in as its structured form: the form's fields by key
    (other keys are dropped), each trimmed. Refused if every field is empty, a field is too
    long, nothing changed since the newest filled-in version, or the document is marked "not
    relevant"."""
    document = _locked(document)
    keys = [heading.key for heading in headings(document.requirement.document_type)]
    cleaned = {key: str(content.get(key) or "").strip() for key in keys}
    too_long = [key for key, value in cleaned.items() if len(value) > MAX_FIELD_LENGTH]
    if too_long:
        raise ValidationError(
            {
                key: _("Write at most %(count)s characters.") % {"count": MAX_FIELD_LENGTH}
                for key in too_long
            }
        )
    if not any(cleaned.values()):
        raise ValidationError(_("Fill in at least one field."))
    latest = document.versions.order_by("-number").first()
    if latest is not None and latest.content == cleaned:
        raise ValidationError(
            _("Nothing has changed since version %(number)s.") % {"number": latest.number}
        )
    version = DocumentVersion(
        municipality_id=document.municipality_id,
        document=document,
        number=_next_number(document),
        created_by=actor,
        content=cleaned,
    )
    save_with_history(version, actor=actor)
    return version


@transaction.atomic
def document_version_upload(
    *, actor: User | None, document: ProjectDocument, upload: UploadedFile
) -> DocumentVersion:
    """A new version of the document as an uploaded file, checked by its content (see
    ``uploads.check_upload``) and kept under a random name in the upload folder with its original
    name, kind, size and SHA-256. A refused upload leaves no row and no file behind."""
    document = _locked(document)
    kind = uploads.check_upload(upload)
    stored = uploads.store(upload)
    try:
        version = DocumentVersion(
            municipality_id=document.municipality_id,
            document=document,
            number=_next_number(document),
            created_by=actor,
            content=None,
            stored_name=stored.stored_name,
            original_name=uploads.clean_name(upload.name or ""),
            file_type=kind.code,
            size=stored.size,
            sha256=stored.sha256,
        )
        save_with_history(version, actor=actor)
    except BaseException:
        uploads.discard(stored.stored_name)
        raise
    return version


@transaction.atomic
def document_not_relevant_mark(
    *, actor: User | None, document: ProjectDocument, reason: str
) -> ProjectDocument:
    """Mark the document "not relevant" with the reason, where its requirement allows it. Its
    versions stay; the mark counts at the gate until it is undone."""
    document = (
        ProjectDocument.objects.select_for_update()
        .select_related("requirement")
        .get(pk=document.pk)
    )
    if not document.requirement.may_be_not_relevant:
        raise ValidationError(
            _("“%(name)s” cannot be marked not relevant: the method requires it.")
            % {"name": document.requirement.name}
        )
    if document.not_relevant:
        raise ValidationError(_("The document is already marked not relevant."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the document is not relevant.")})
    document.not_relevant = True
    document.not_relevant_reason = reason
    save_with_history(document, actor=actor)
    return document


@transaction.atomic
def document_not_relevant_undo(*, actor: User | None, document: ProjectDocument) -> ProjectDocument:
    """Take away the mark "not relevant": the document is required again."""
    document = ProjectDocument.objects.select_for_update().get(pk=document.pk)
    if not document.not_relevant:
        raise ValidationError(_("The document is not marked not relevant."))
    document.not_relevant = False
    document.not_relevant_reason = ""
    save_with_history(document, actor=actor)
    return document


@transaction.atomic
def decision_documents_record(
    *, actor: User | None, decision: Decision, run: ProjectMethod, phase: Phase
) -> list[DecisionDocument]:
    """Record, for ``decision``, each document ``phase`` requires at the project's level as the
    project has it now: its latest version, "not relevant" with the reason, or nothing."""
    records = []
    for position, row in enumerate(required_documents(run, phase)):
        not_relevant = row.state == DocumentState.NOT_RELEVANT
        record = DecisionDocument(
            municipality_id=decision.municipality_id,
            decision=decision,
            requirement=row.requirement,
            position=position,
            version=row.latest if row.state == DocumentState.VERSION else None,
            not_relevant=not_relevant,
            not_relevant_reason=row.document.not_relevant_reason
            if not_relevant and row.document
            else "",
        )
        save_with_history(record, actor=actor)
        records.append(record)
    return records
