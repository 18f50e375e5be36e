"""Methods and decisions in the JSON API: the municipality's methods laid out, where a project
stands in its method, asking for a decision, deciding it, and the decision log. Writes go through
the methodology services; tenancy and roles as in the HTML views (another municipality's
initiative or request is 404, and only the initiative's project owner decides)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Capability
from helhet.api.portfolio import (
    ERRORS,
    InvalidOut,
    PersonRef,
    _Invalid,
    _invalid,
    _membership,
    _person,
    _require,
    _service_errors,
)
from helhet.api.schemas import UnitRef
from helhet.documents.models import DecisionDocument
from helhet.documents.selectors import RequiredDocument
from helhet.methodology import services
from helhet.methodology.models import (
    ChecklistItem,
    Decision,
    DecisionPoint,
    DecisionRequest,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.methodology.selectors import project_status
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.access import can_edit_initiative, get_initiative_for_user

router = Router(tags=["methods"])


# --- Schemas -------------------------------------------------------------------------------------


class LevelOut(Schema):
    code: str
    name: str
    max_cost: str | None = Field(description="NOK, as a decimal string; null means no limit")
    max_duration_months: int | None
    max_risk: int | None = Field(description="1–5; null means no limit")


class ChecklistItemOut(Schema):
    text: str
    source: str
    levels: list[str] = Field(description="The codes of the levels the item applies to")


class DocumentOut(Schema):
    type: str
    name: str
    levels: list[str] = Field(description="The codes of the levels that require the document")
    may_be_not_relevant: bool


class DecisionPointOut(Schema):
    code: str
    name: str
    decider: str = Field(description="project_owner, leader, portfolio_office or person")
    decided_by: str = Field(description="Who decides, as the project page says it")
    checklist: list[ChecklistItemOut]


class PhaseOut(Schema):
    id: int
    position: int
    name: str
    is_operation_gate: bool
    decision_point: DecisionPointOut | None
    documents: list[DocumentOut]


class CriterionOut(Schema):
    name: str
    description: str


class MethodOut(Schema):
    id: int
    name: str
    origin: str
    is_linear: bool
    version: int | None = Field(description="The current version's number")
    levels: list[LevelOut]
    criteria: list[CriterionOut] = Field(
        description="What a project must say it meets to be run on the method (Smartby's three)"
    )
    phases: list[PhaseOut]


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


class PointRef(Schema):
    code: str
    name: str
    decider: str = Field(description="project_owner, leader, portfolio_office or person")
    decided_by: str = Field(description="Who decides, as the project page says it")


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


class DecisionDocumentOut(Schema):
    type: str
    name: str
    state: str = Field(description="version, not_relevant or missing, when the decision was made")
    version: int | None = Field(description="The number of the version the decision was made on")
    version_id: int | None
    not_relevant_reason: str


class RequestOut(Schema):
    id: int
    initiative_id: int
    decision_point: PointRef
    requested_by: str | None = Field(description="Username")
    requested_at: datetime
    note: str
    status: str


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


class DecisionIn(Schema):
    """The decision on a waiting request. Approval moves the project to the next phase (a
    non-linear method may name ``to_phase``); the gate into operation needs the operations unit
    and person, the handover date and the benefits owner. People are given by username."""

    outcome: str = Field(description="approved, approved_with_conditions, sent_back, stopped")
    comment: str = ""
    to_phase: int | None = Field(None, description="Phase id, for a non-linear method")
    operations_unit: int | None = Field(None, description="Unit id")
    operations_person: str | None = None
    handover_date: date | None = None
    benefits_owner: str | None = None


class DecisionRequestIn(Schema):
    note: str = ""


class DecisionOut(Schema):
    id: int
    request_id: int
    decision_point: PointRef
    decided_by: PersonRef | None
    decided_at: datetime
    outcome: str
    outcome_label: str
    comment: str
    from_phase: PhaseRef
    to_phase: PhaseRef | None
    completes_method: bool
    operations_unit: UnitRef | None
    operations_person: PersonRef | None
    handover_date: date | None
    benefits_owner: PersonRef | None
    documents: list[DecisionDocumentOut] = Field(
        description="The documents the decision was made on, each in its version"
    )


# --- Helpers -------------------------------------------------------------------------------------


def _level_codes(levels: Any) -> list[str]:
    return [level.code for level in sorted(levels.all(), key=lambda level: level.position)]


def _level(level: Level) -> dict[str, Any]:
    return {
        "code": level.code,
        "name": level.name,
        "max_cost": None if level.max_cost is None else str(level.max_cost),
        "max_duration_months": level.max_duration_months,
        "max_risk": level.max_risk,
    }


def _point(point: DecisionPoint) -> dict[str, Any]:
    return {
        "code": point.code,
        "name": point.name,
        "decider": point.decider,
        "decided_by": point.decider_label,
    }


def _phase(phase: Phase) -> dict[str, Any]:
    points = list(phase.decision_points.all())
    point = points[0] if points else None
    return {
        "id": phase.pk,
        "position": phase.position,
        "name": phase.name,
        "is_operation_gate": phase.is_operation_gate,
        "decision_point": None
        if point is None
        else {
            **_point(point),
            "checklist": [
                {"text": item.text, "source": item.source, "levels": _level_codes(item.levels)}
                for item in point.checklist.all()
            ],
        },
        "documents": [
            {
                "type": requirement.document_type,
                "name": requirement.name,
                "levels": _level_codes(requirement.levels),
                "may_be_not_relevant": requirement.may_be_not_relevant,
            }
            for requirement in phase.document_requirements.all()
        ],
    }


def _methods(municipality: Municipality) -> list[dict[str, Any]]:
    """Every method with its current version laid out, in a fixed number of queries."""
    with_levels = Prefetch("levels", queryset=Level.objects.order_by("position"))
    phases = Phase.objects.order_by("position").prefetch_related(
        Prefetch(
            "decision_points",
            queryset=DecisionPoint.objects.select_related("decider_person").prefetch_related(
                Prefetch("checklist", queryset=ChecklistItem.objects.prefetch_related("levels"))
            ),
        ),
        Prefetch(
            "document_requirements",
            queryset=DocumentRequirement.objects.prefetch_related("levels"),
        ),
    )
    current = MethodVersion.objects.filter(is_current=True).prefetch_related(
        with_levels, Prefetch("phases", queryset=phases), "criteria"
    )
    methods = Method.objects.filter(municipality=municipality).prefetch_related(
        Prefetch("versions", queryset=current, to_attr="current_versions")
    )
    rows = []
    for method in methods:
        versions: list[MethodVersion] = getattr(method, "current_versions", [])
        version = versions[0] if versions else None
        rows.append(
            {
                "id": method.pk,
                "name": method.name,
                "origin": method.origin,
                "is_linear": method.is_linear,
                "version": None if version is None else version.number,
                "levels": [] if version is None else [_level(lv) for lv in version.levels.all()],
                "criteria": []
                if version is None
                else [
                    {"name": c.name, "description": c.description} for c in version.criteria.all()
                ],
                "phases": [] if version is None else [_phase(p) for p in version.phases.all()],
            }
        )
    return rows


def _request(request: DecisionRequest) -> dict[str, Any]:
    return {
        "id": request.pk,
        "initiative_id": request.initiative_id,
        "decision_point": _point(request.decision_point),
        "requested_by": None if request.requested_by is None else request.requested_by.username,
        "requested_at": request.requested_at,
        "note": request.note,
        "status": request.status,
    }


def _phase_ref(phase: Phase | None) -> dict[str, Any] | None:
    return None if phase is None else {"id": phase.pk, "name": phase.name}


def _decision(decision: Decision) -> dict[str, Any]:
    unit = decision.operations_unit
    return {
        "id": decision.pk,
        "request_id": decision.request_id,
        "decision_point": _point(decision.request.decision_point),
        "decided_by": _person(decision.decided_by),
        "decided_at": decision.decided_at,
        "outcome": decision.outcome,
        "outcome_label": decision.get_outcome_display(),
        "comment": decision.comment,
        "from_phase": _phase_ref(decision.from_phase),
        "to_phase": _phase_ref(decision.to_phase),
        "completes_method": decision.completes_method,
        "operations_unit": None
        if unit is None
        else {"id": unit.pk, "name": unit.name, "kind": unit.kind},
        "operations_person": _person(decision.operations_person),
        "handover_date": decision.handover_date,
        "benefits_owner": _person(decision.benefits_owner),
        "documents": [_decision_document(record) for record in decision.documents.all()],
    }


def _decision_document(record: DecisionDocument) -> dict[str, Any]:
    version = record.version
    state = "version" if version else "not_relevant" if record.not_relevant else "missing"
    return {
        "type": record.requirement.document_type,
        "name": record.requirement.name,
        "state": state,
        "version": None if version is None else version.number,
        "version_id": None if version is None else version.pk,
        "not_relevant_reason": record.not_relevant_reason,
    }


def _document_line(row: RequiredDocument) -> dict[str, Any]:
    requirement = row.requirement
    document = row.document
    latest = row.latest
    return {
        "type": requirement.document_type,
        "name": requirement.name,
        "may_be_not_relevant": requirement.may_be_not_relevant,
        "state": row.state.value,
        "document_id": None if document is None else document.pk,
        "version": None if latest is None else latest.number,
        "version_id": None if latest is None else latest.pk,
        "not_relevant_reason": document.not_relevant_reason if document else "",
    }


def _get_request_for_user(membership: Membership, pk: int) -> DecisionRequest:
    """The decision request, if it belongs to the member's municipality (404 otherwise)."""
    _require(membership, Capability.VIEW_PORTFOLIO)
    request = (
        DecisionRequest.objects.select_related(
            "initiative", "decision_point__decider_person", "requested_by"
        )
        .filter(pk=pk, municipality=membership.municipality)
        .first()
    )
    if request is None:
        raise Http404
    return request


def _member(municipality: Municipality, username: str | None, field: str) -> User | None:
    if username is None:
        return None
    user = User.objects.filter(username=username, memberships__municipality=municipality).first()
    if user is None:
        raise _Invalid(
            {
                field: [
                    _("No person with the username “%(username)s” works in this municipality.")
                    % {"username": username}
                ]
            }
        )
    return user


def _resolve(municipality: Municipality, payload: DecisionIn) -> dict[str, Any]:
    """The payload's ids and usernames as objects, each looked up in the municipality only;
    every unknown one reported at once."""
    errors: dict[str, list[str]] = {}
    found: dict[str, Any] = {}
    lookups = {
        "to_phase": lambda: (
            None
            if payload.to_phase is None
            else _one(
                Phase.objects.filter(municipality=municipality, pk=payload.to_phase),
                "to_phase",
                _("Choose another phase of the method."),
            )
        ),
        "operations_unit": lambda: (
            None
            if payload.operations_unit is None
            else _one(
                OrgUnit.objects.for_municipality(municipality).filter(pk=payload.operations_unit),
                "operations_unit",
                _("Choose a unit in your municipality."),
            )
        ),
        "operations_person": lambda: _member(
            municipality, payload.operations_person, "operations_person"
        ),
        "benefits_owner": lambda: _member(municipality, payload.benefits_owner, "benefits_owner"),
    }
    for field, lookup in lookups.items():
        try:
            found[field] = lookup()
        except _Invalid as invalid:
            errors.update(invalid.errors)
    if errors:
        raise _Invalid(errors)
    return found


def _one(queryset: Any, field: str, message: str) -> Any:
    found = queryset.first()
    if found is None:
        raise _Invalid({field: [message]})
    return found


# --- Endpoints -----------------------------------------------------------------------------------


@router.get(
    "/methods",
    response={200: list[MethodOut], **ERRORS},
    summary="The municipality's methods, each with its current version laid out",
)
def method_list(request: HttpRequest) -> Any:
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    return _methods(membership.municipality)


@router.get(
    "/initiatives/{initiative_id}/phase",
    response={200: PhaseStatusOut, **ERRORS},
    summary="Where the project stands in its method (all null or empty when it has none)",
)
def project_phase(request: HttpRequest, initiative_id: int) -> Any:
    initiative = get_initiative_for_user(_membership(request), initiative_id)
    status = project_status(initiative)
    run = status.run
    point = status.decision_point
    return {
        "method": None
        if run is None
        else {
            "id": run.version.method.pk,
            "name": run.version.method.name,
            "is_linear": run.version.method.is_linear,
        },
        "version": None if run is None else run.version.number,
        "level": None if run is None else {"code": run.level.code, "name": run.level.name},
        "phases": [
            {
                "id": step.phase.pk,
                "position": step.phase.position,
                "name": step.phase.name,
                "is_current": step.is_current,
                "is_done": step.is_done,
            }
            for step in status.phases
        ],
        "current_phase": None if run is None else _phase_ref(run.current_phase),
        "decision_point": None if point is None else _point(point),
        "checklist": [{"text": item.text, "source": item.source} for item in status.checklist],
        "documents": [_document_line(row) for row in status.document_states],
        "missing": [_document_line(row) for row in status.document_states if row.is_missing],
        "pending_request": None if status.pending is None else _request(status.pending),
        "completed": status.is_completed,
    }


@router.post(
    "/initiatives/{initiative_id}/decision-requests",
    response={201: RequestOut, 422: InvalidOut, **ERRORS},
    summary="Ask for the decision that ends the project's current phase",
)
def decision_request_create(
    request: HttpRequest, initiative_id: int, payload: DecisionRequestIn
) -> Any:
    membership = _membership(request)
    initiative = get_initiative_for_user(membership, initiative_id)
    if not can_edit_initiative(membership, initiative):
        raise PermissionDenied
    try:
        created = services.decision_request_create(
            actor=membership.user, initiative=initiative, note=payload.note
        )
    except ValidationError as error:
        return _invalid(_service_errors(error))
    created = DecisionRequest.objects.select_related(
        "decision_point__decider_person", "requested_by"
    ).get(pk=created.pk)
    return Status(201, _request(created))


@router.post(
    "/decision-requests/{request_id}/decision",
    response={201: DecisionOut, 422: InvalidOut, **ERRORS},
    summary="Decide a waiting request (the initiative's project owner only)",
)
def decision_make(request: HttpRequest, request_id: int, payload: DecisionIn) -> Any:
    membership = _membership(request)
    waiting = _get_request_for_user(membership, request_id)
    # The service refuses anyone but the project owner too; here it is a matter of role (403).
    if waiting.initiative.project_owner_id != membership.user_id:
        raise PermissionDenied
    try:
        found = _resolve(membership.municipality, payload)
        decision = services.decision_make(
            actor=membership.user,
            request=waiting,
            outcome=payload.outcome,
            comment=payload.comment,
            handover_date=payload.handover_date,
            **found,
        )
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    except ValidationError as error:
        return _invalid(_service_errors(error))
    return Status(201, _decision(_decisions().get(pk=decision.pk)))


def _decisions() -> Any:
    return Decision.objects.select_related(
        "request__decision_point__decider_person",
        "decided_by",
        "from_phase",
        "to_phase",
        "operations_unit",
        "operations_person",
        "benefits_owner",
    ).prefetch_related(
        Prefetch(
            "documents", queryset=DecisionDocument.objects.select_related("requirement", "version")
        )
    )


@router.get(
    "/initiatives/{initiative_id}/decisions",
    response={200: list[DecisionOut], **ERRORS},
    summary="The project's decision log, newest first",
)
def decision_list(request: HttpRequest, initiative_id: int) -> Any:
    initiative = get_initiative_for_user(_membership(request), initiative_id)
    return [_decision(d) for d in _decisions().filter(request__initiative=initiative)]
