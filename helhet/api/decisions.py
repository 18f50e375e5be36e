"""Gate decisions in the JSON API: deciding a waiting decision request and a project's decision
log. Writes go through the project services; another municipality's initiative or request
is 404, and only the one the decision point names decides (``projects.rules``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from helhet.api.errors import (
    BODY_ERRORS,
    ERRORS,
    InvalidRequest,
    invalid,
    service_errors,
)
from helhet.api.gates import PhaseRef, PointRef
from helhet.api.lookups import look_up_all, object_by_id, person_by_username
from helhet.api.members import request_membership
from helhet.api.schemas import Day, Id, PersonRef, UnitRef, Username, text
from helhet.documents.models import DecisionDocument
from helhet.methodology.models import Decision, DecisionPoint, Phase
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.access import get_initiative_for_user
from helhet.projects.access import get_decision_request_for_user
from helhet.projects.rules import decision_refusal
from helhet.projects.selectors import gates as gate_selectors
from helhet.projects.services import gates as gate_services

router = Router(tags=["methods"])


class DecisionDocumentOut(Schema):
    type: str
    name: str
    state: str = Field(description="version, not_relevant or missing, when the decision was made")
    version: int | None = Field(description="The number of the version the decision was made on")
    version_id: int | None
    not_relevant_reason: str

    @staticmethod
    def resolve_type(record: DecisionDocument) -> str:
        return record.requirement.document_type

    @staticmethod
    def resolve_name(record: DecisionDocument) -> str:
        return record.requirement.name

    @staticmethod
    def resolve_state(record: DecisionDocument) -> str:
        return "version" if record.version else "not_relevant" if record.not_relevant else "missing"

    @staticmethod
    def resolve_version(record: DecisionDocument) -> int | None:
        return None if record.version is None else record.version.number

    @staticmethod
    def resolve_version_id(record: DecisionDocument) -> int | None:
        return None if record.version is None else record.version.pk


class DecisionIn(Schema):
    """The decision on a waiting request. Approval moves the project to the next phase (a
    non-linear method may name ``to_phase``); the gate into operation needs the operations unit
    and person, the handover date and the benefits owner. People are given by username."""

    outcome: str = text(
        Decision,
        "outcome",
        ...,
        description="approved, approved_with_conditions, sent_back, stopped",
    )
    comment: str = text(Decision, "comment")
    to_phase: Id | None = Field(None, description="Phase id, for a non-linear method")
    operations_unit: Id | None = Field(None, description="Unit id")
    operations_person: Username | None = None
    handover_date: Day | None = None
    benefits_owner: Username | None = None


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

    @staticmethod
    def resolve_decision_point(decision: Decision) -> DecisionPoint:
        return decision.request.decision_point

    @staticmethod
    def resolve_outcome_label(decision: Decision) -> str:
        return decision.get_outcome_display()


def _resolve(municipality: Municipality, payload: DecisionIn) -> dict[str, Any]:
    """The payload's ids and usernames as objects, each looked up in the municipality only;
    every unknown one reported at once."""
    phases = Phase.objects.filter(municipality=municipality)
    units = OrgUnit.objects.for_municipality(municipality)
    return look_up_all(
        {
            "to_phase": lambda: (
                None
                if payload.to_phase is None
                else object_by_id(
                    phases, payload.to_phase, "to_phase", _("Choose another phase of the method.")
                )
            ),
            "operations_unit": lambda: (
                None
                if payload.operations_unit is None
                else object_by_id(
                    units,
                    payload.operations_unit,
                    "operations_unit",
                    _("Choose a unit in your municipality."),
                )
            ),
            "operations_person": lambda: person_by_username(
                municipality, payload.operations_person, "operations_person"
            ),
            "benefits_owner": lambda: person_by_username(
                municipality, payload.benefits_owner, "benefits_owner"
            ),
        }
    )


@router.post(
    "/decision-requests/{request_id}/decision",
    response={201: DecisionOut, **BODY_ERRORS},
    summary="Decide a waiting request (the one its decision point names)",
    description=(
        "403 when the token's person does not make this decision: not the one the decision "
        "point names (as a rule the project owner), a role that decides nothing at gates, the "
        "person who asked for it, or the project's leader (unless the method's level lets one "
        "person hold both roles). The detail says which."
    ),
    operation_id="helhet_api_methods_decision_make",
)
def decision_make(request: HttpRequest, request_id: Id, payload: DecisionIn) -> Any:
    membership = request_membership(request)
    waiting = get_decision_request_for_user(membership, request_id)
    # Who decides is the rule the service applies too (the one the decision point names, never
    # the one who asked nor the project's leader): here it is a matter of role, so 403.
    refusal = decision_refusal(membership.user, waiting)
    if refusal is not None:
        return Status(403, {"detail": refusal})
    try:
        found = _resolve(membership.municipality, payload)
        decision = gate_services.decision_make(
            actor=membership.user,
            request=waiting,
            outcome=payload.outcome,
            comment=payload.comment,
            handover_date=payload.handover_date,
            **found,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, gate_selectors.decisions_with_details().get(pk=decision.pk))


@router.get(
    "/initiatives/{initiative_id}/decisions",
    response={200: list[DecisionOut], **ERRORS},
    summary="The project's decision log, newest first",
    operation_id="helhet_api_methods_decision_list",
)
def decision_list(request: HttpRequest, initiative_id: Id) -> Any:
    initiative = get_initiative_for_user(request_membership(request), initiative_id)
    return gate_selectors.decisions_with_details().filter(request__initiative=initiative)
