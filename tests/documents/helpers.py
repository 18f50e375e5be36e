"""Helpers for tests that need a project's documents: fill in what a phase requires, and take a
snapshot of everything a request could change, project documents and stored files included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings

from helhet.accounts.models import User
from helhet.documents.models import ProjectDocument
from helhet.documents.selectors import required_documents
from helhet.documents.services import document_version_create, project_document_open
from helhet.documents.structure import headings
from helhet.methodology.models import DocumentRequirement, ProjectMethod
from helhet.portfolio.models import Initiative
from tests.conftest import database_state, table_rows


def fill_required_documents(initiative: Initiative, actor: User | None = None) -> None:
    """Give every document the current phase requires at the project's level a version
    filled in as a form, so a decision can be asked for."""
    run = ProjectMethod.objects.get(initiative=initiative)
    for row in required_documents(run):
        if row.is_missing:
            document = open_document(initiative, row.requirement, actor)
            key = headings(row.requirement.document_type)[0].key
            document_version_create(
                actor=actor, document=document, content={key: f"{row.requirement.name} er klar."}
            )


def open_document(
    initiative: Initiative, requirement: DocumentRequirement, actor: User | None = None
) -> ProjectDocument:
    return project_document_open(actor=actor, initiative=initiative, requirement=requirement)


def requirement_named(initiative: Initiative, name: str) -> DocumentRequirement:
    run = ProjectMethod.objects.get(initiative=initiative)
    return DocumentRequirement.objects.get(phase__version=run.version, name=name)


def stored_files() -> list[str]:
    folder = Path(settings.HELHET_UPLOAD_DIR)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


STATE_APPS = {"documents", "methodology"}


def full_state() -> dict[str, Any]:
    """``database_state()`` with the methods, decisions and project documents (history
    included), and the files in the upload folder: for "nothing changed"."""
    state = database_state()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in STATE_APPS:
            state[model._meta.label_lower] = table_rows(model)
    state["files"] = stored_files()
    return state
