"""Reads of a project's documents: the documents a phase requires at the project's level with
the state of each (latest version, "not relevant" with the reason, or missing), one document's
versions, and the documents a decision was made on."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import OuterRef, Subquery

from helhet.documents.models import DocumentVersion, ProjectDocument
from helhet.methodology.models import DocumentRequirement, Phase, ProjectMethod


class DocumentState(StrEnum):
    VERSION = "version"
    NOT_RELEVANT = "not_relevant"
    MISSING = "missing"


@dataclass(frozen=True)
class RequiredDocument:
    """A document a phase requires, as the project has it now."""

    requirement: DocumentRequirement
    document: ProjectDocument | None
    latest: DocumentVersion | None

    @property
    def state(self) -> DocumentState:
        if self.document is not None and self.document.not_relevant:
            return DocumentState.NOT_RELEVANT
        if self.latest is not None:
            return DocumentState.VERSION
        return DocumentState.MISSING

    @property
    def is_missing(self) -> bool:
        return self.state == DocumentState.MISSING


def requirements_at_level(
    run: ProjectMethod, phase: Phase | None = None
) -> list[DocumentRequirement]:
    """The documents ``phase`` (the project's current phase unless given) requires at the
    project's level, in order. One query."""
    return list(
        DocumentRequirement.objects.filter(
            phase=phase or run.current_phase, levels=run.level_id
        ).order_by("position", "pk")
    )


def documents_with_latest(
    initiative_id: int, requirements: list[DocumentRequirement]
) -> list[RequiredDocument]:
    """Each requirement with the project's document for it (None if never started) and the
    document's latest version. Two queries, however many documents and versions."""
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    started = ProjectDocument.objects.filter(
        initiative_id=initiative_id, requirement__in=requirements
    ).annotate(latest_id=Subquery(latest.values("pk")[:1]))
    documents = {document.requirement_id: document for document in started}
    # Always one query (not skipped when no document has a version), so counts stay fixed.
    latest_versions = {
        version.pk: version
        for version in DocumentVersion.objects.filter(pk__in=started.values("latest_id"))
        .select_related("created_by")
        .defer("content")
    }
    rows = []
    for requirement in requirements:
        document = documents.get(requirement.pk)
        latest_id = getattr(document, "latest_id", None)
        rows.append(RequiredDocument(requirement, document, latest_versions.get(latest_id or 0)))
    return rows


def required_documents(run: ProjectMethod, phase: Phase | None = None) -> list[RequiredDocument]:
    """The documents ``phase`` (the current phase unless given) requires at the project's level,
    each with its state. A fixed number of queries."""
    return documents_with_latest(run.initiative_id, requirements_at_level(run, phase))


def missing_documents(run: ProjectMethod) -> list[DocumentRequirement]:
    """The documents the current phase requires at the project's level that have neither a
    version nor the mark "not relevant"."""
    return [row.requirement for row in required_documents(run) if row.is_missing]


@dataclass(frozen=True)
class PhaseDocuments:
    phase: Phase
    is_current: bool
    documents: list[RequiredDocument]


def documents_by_phase(run: ProjectMethod) -> list[PhaseDocuments]:
    """Every phase of the project's method with the documents it requires at the project's
    level and their states, in order; phases that require none are left out. A fixed number of
    queries."""
    requirements = list(
        DocumentRequirement.objects.filter(phase__version=run.version_id, levels=run.level_id)
        .select_related("phase")
        .order_by("phase__position", "position", "pk")
    )
    rows = documents_with_latest(run.initiative_id, requirements)
    phases: dict[int, PhaseDocuments] = {}
    for row in rows:
        phase = row.requirement.phase
        if phase.pk not in phases:
            phases[phase.pk] = PhaseDocuments(phase, phase.pk == run.current_phase_id, [])
        phases[phase.pk].documents.append(row)
    return list(phases.values())


def document_versions(document: ProjectDocument) -> list[DocumentVersion]:
    """The document's versions, newest first, with who made them. One query."""
    return list(
        DocumentVersion.objects.filter(document=document)
        .select_related("created_by")
        .defer("content")
        .order_by("-number")
    )


def latest_structured_content(document: ProjectDocument) -> dict[str, str]:
    """The fields of the newest version filled in as a form (empty if there is none), to start
    a new version from."""
    version = (
        DocumentVersion.objects.filter(document=document, content__isnull=False)
        .order_by("-number")
        .first()
    )
    return dict(version.content) if version is not None and version.content else {}
