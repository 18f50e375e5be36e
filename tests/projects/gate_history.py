"""A project's history at its gates, built through the services and then moved back in time:
``ask(initiative, days_ago=20)`` and ``decide(request, "sent_back", days_ago=15)``.

Requests go through decision_request_create; the documents the phase requires are marked "not
relevant" (or filled in, where the method does not allow that) through the documents' services
first, as a project leader would."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from helhet.documents.selectors import missing_documents
from helhet.documents.services import (
    document_not_relevant_mark,
    document_version_create,
    project_document_open,
)
from helhet.documents.structure import headings
from helhet.methodology.models import Decision, DecisionOutcome, DecisionRequest, ProjectMethod
from helhet.portfolio.models import Initiative
from helhet.projects.services.gates import decision_make, decision_request_create


def ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


def documents_ready(initiative: Initiative) -> None:
    """Every document the project's current phase requires is filled in or marked not relevant."""
    run = ProjectMethod.objects.get(initiative=initiative)
    for requirement in missing_documents(run):
        document = project_document_open(actor=None, initiative=initiative, requirement=requirement)
        if requirement.may_be_not_relevant:
            document_not_relevant_mark(actor=None, document=document, reason="Dekket annet sted.")
        else:
            keys = [heading.key for heading in headings(requirement.document_type)]
            document_version_create(actor=None, document=document, content={keys[0]: "Utfylt."})


def ask(initiative: Initiative, *, days_ago: float) -> DecisionRequest:
    """The project asks for the decision that ends its phase, ``days_ago`` days ago."""
    documents_ready(initiative)
    request = decision_request_create(actor=None, initiative=initiative, note="Klar.")
    DecisionRequest.objects.filter(pk=request.pk).update(requested_at=ago(days_ago))
    request.refresh_from_db()
    return request


def decide(request: DecisionRequest, outcome: str, *, days_ago: float) -> Decision:
    """The project owner decides the request, ``days_ago`` days ago."""
    owner = request.initiative.project_owner
    assert owner is not None
    decision = decision_make(
        actor=owner,
        request=request,
        outcome=outcome,
        comment="" if outcome == DecisionOutcome.APPROVED else "Se kommentar.",
    )
    Decision.objects.filter(pk=decision.pk).update(decided_at=ago(days_ago))
    return decision


def passed(initiative: Initiative, *, asked_days_ago: float, decided_days_ago: float) -> None:
    """The project asked and was approved: it moves to the next phase."""
    decide(
        ask(initiative, days_ago=asked_days_ago),
        DecisionOutcome.APPROVED,
        days_ago=decided_days_ago,
    )
