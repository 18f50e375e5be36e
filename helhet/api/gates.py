"""A project's gates in the JSON API: where it stands in its method and asking for the decision
that ends its phase (deciding it and the decision log are in ``decisions``). Writes go through
the project services; tenancy and roles as in the HTML views (another municipality's
initiative is 404)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from helhet.api.errors import BODY_ERRORS, ERRORS, invalid, service_errors
from helhet.api.members import request_membership
from helhet.api.schemas import Id, text
from helhet.documents.selectors import RequiredDocument
from helhet.methodology.models import DecisionPoint, DecisionRequest, Level, Method, Phase
from helhet.portfolio.access import can_edit_initiative, get_initiative_for_user
from helhet.projects.selectors.gates import PhaseStep, ProjectStatus, project_status
from helhet.projects.services import gates as gate_services

router = Router(tags=["methods"])


class MethodRef(Schema):
    id: int
    name: str
    is_linear: bool


class LevelRef(Schema):
    code: str
    name: str


class PhaseRef(Schema):
    id: int
    name: str


class PhaseStepOut(Schema):
    id: int
    position: int
    name: str
    is_current: bool
    is_done: bool

    @staticmethod
    def resolve_id(step: PhaseStep) -> int:
        return step.phase.pk

    @staticmethod
    def resolve_position(step: PhaseStep) -> int:
        return step.phase.position

    @staticmethod
    def resolve_name(step: PhaseStep) -> str:
        return step.phase.name


class PointRef(Schema):
    code: str
    name: str
    decider: str = Field(description="project_owner, leader, portfolio_office or person")
    decided_by: str = Field(description="Who decides, as the project page says it")

    @staticmethod
    def resolve_decided_by(point: DecisionPoint) -> str:
        return point.decider_label


class ChecklistLine(Schema):
    text: str
    source: str


class DocumentLine(Schema):
    type: str
    name: str
    may_be_not_relevant: bool
    state: str = Field(description="version, not_relevant or missing")
    document_id: int | None = Field(description="The project's document, once started")
    version: int | None = Field(description="The latest version's number")
    version_id: int | None
    not_relevant_reason: str

    @staticmethod
    def resolve_type(row: RequiredDocument) -> str:
        return row.requirement.document_type

    @staticmethod
    def resolve_name(row: RequiredDocument) -> str:
        return row.requirement.name

    @staticmethod
    def resolve_may_be_not_relevant(row: RequiredDocument) -> bool:
        return row.requirement.may_be_not_relevant

    @staticmethod
    def resolve_state(row: RequiredDocument) -> str:
        return row.state.value

    @staticmethod
    def resolve_document_id(row: RequiredDocument) -> int | None:
        return None if row.document is None else row.document.pk

    @staticmethod
    def resolve_version(row: RequiredDocument) -> int | None:
        return None if row.latest is None else row.latest.number

    @staticmethod
    def resolve_version_id(row: RequiredDocument) -> int | None:
        return None if row.latest is None else row.latest.pk

    @staticmethod
    def resolve_not_relevant_reason(row: RequiredDocument) -> str:
        return row.document.not_relevant_reason if row.document else ""


class RequestOut(Schema):
    id: int
    initiative_id: int
    decision_point: PointRef
    requested_by: str | None = Field(description="Username")
    requested_at: datetime
    note: str
    status: str

    @staticmethod
    def resolve_requested_by(request: DecisionRequest) -> str | None:
        return None if request.requested_by is None else request.requested_by.username


class PhaseStatusOut(Schema):
    method: MethodRef | None
    version: int | None
    level: LevelRef | None
    phases: list[PhaseStepOut]
    current_phase: PhaseRef | None
    decision_point: PointRef | None = Field(description="The decision that ends the phase")
    checklist: list[ChecklistLine] = Field(description="At the project's level")
    documents: list[DocumentLine] = Field(description="Required in the phase at the level")
    missing: list[DocumentLine] = Field(
        description="Required documents with neither a version nor the mark not relevant: "
        "the decision cannot be asked for until this is empty"
    )
    pending_request: RequestOut | None
    completed: bool

    @staticmethod
    def resolve_method(status: ProjectStatus) -> Method | None:
        return None if status.run is None else status.run.version.method

    @staticmethod
    def resolve_version(status: ProjectStatus) -> int | None:
        return None if status.run is None else status.run.version.number

    @staticmethod
    def resolve_level(status: ProjectStatus) -> Level | None:
        return None if status.run is None else status.run.level

    @staticmethod
    def resolve_current_phase(status: ProjectStatus) -> Phase | None:
        return None if status.run is None else status.run.current_phase

    @staticmethod
    def resolve_documents(status: ProjectStatus) -> list[RequiredDocument]:
        return status.document_states

    @staticmethod
    def resolve_missing(status: ProjectStatus) -> list[RequiredDocument]:
        return [row for row in status.document_states if row.is_missing]

    @staticmethod
    def resolve_pending_request(status: ProjectStatus) -> DecisionRequest | None:
        return status.pending

    @staticmethod
    def resolve_completed(status: ProjectStatus) -> bool:
        return status.is_completed


class DecisionRequestIn(Schema):
    note: str = text(DecisionRequest, "note")


@router.get(
    "/initiatives/{initiative_id}/phase",
    response={200: PhaseStatusOut, **ERRORS},
    summary="Where the project stands in its method (all null or empty when it has none)",
    operation_id="helhet_api_methods_project_phase",
)
def project_phase(request: HttpRequest, initiative_id: Id) -> Any:
    initiative = get_initiative_for_user(request_membership(request), initiative_id)
    return project_status(initiative)


@router.post(
    "/initiatives/{initiative_id}/decision-requests",
    response={201: RequestOut, **BODY_ERRORS},
    summary="Ask for the decision that ends the project's current phase",
    operation_id="helhet_api_methods_decision_request_create",
)
def decision_request_create(
    request: HttpRequest, initiative_id: Id, payload: DecisionRequestIn
) -> Any:
    membership = request_membership(request)
    initiative = get_initiative_for_user(membership, initiative_id)
    if not can_edit_initiative(membership, initiative):
        raise PermissionDenied
    try:
        created = gate_services.decision_request_create(
            actor=membership.user, initiative=initiative, note=payload.note
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    created = DecisionRequest.objects.select_related(
        "decision_point__decider_person", "requested_by"
    ).get(pk=created.pk)
    return Status(201, created)
