"""A project at its gates: the request for the decision that ends the current phase, and the
decision itself. The phase a project stands in changes only in ``decision_make``."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helhet.accounts.duties import ANY_TASK, refusal_to_choose
from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Capability
from helhet.core.history import save_with_history
from helhet.documents.selectors import missing_documents
from helhet.documents.services import decision_documents_record
from helhet.methodology.models import (
    APPROVING_OUTCOMES,
    Decider,
    Decision,
    DecisionOutcome,
    DecisionRequest,
    DecisionRequestStatus,
    Phase,
    ProjectMethod,
)
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, InitiativeStatus
from helhet.portfolio.services import initiative_update
from helhet.projects.rules import combined_roles_allowed, decision_refusal
from helhet.projects.services.log import project_log_record_decision
from helhet.projects.services.notices import tell_deciders, tell_project

SEND_BACK_NEEDS_A_REASON = gettext_lazy(
    "Say why the project is sent back and what it must do before it asks again."
)


def _project_method(initiative: Initiative) -> ProjectMethod | None:
    return (
        ProjectMethod.objects.select_related("version__method", "level", "current_phase")
        .filter(initiative=initiative)
        .first()
    )


def _check_documents(run: ProjectMethod, message: str) -> None:
    """Refuse, naming them, while documents the current phase requires are missing."""
    missing = missing_documents(run)
    if missing:
        raise ValidationError(
            message % {"documents": ", ".join(requirement.name for requirement in missing)},
            code="documents_missing",
        )


@transaction.atomic
def decision_request_create(
    *, actor: User | None, initiative: Initiative, note: str = ""
) -> DecisionRequest:
    """Ask for the decision that ends the project's current phase. Refused while a document the
    phase requires at the project's level has neither a version nor the mark "not relevant".
    Those who make the decision are notified (``notices.tell_deciders``)."""
    run = _project_method(initiative)
    if run is None:
        raise ValidationError(_("Choose a method for the project before asking for a decision."))
    if run.completed_at is not None:
        raise ValidationError(_("The project has been through every decision of its method."))
    if initiative.status != InitiativeStatus.ACTIVE:
        raise ValidationError(_("Only an active initiative can ask for a decision."))
    if (
        DecisionRequest.objects.select_for_update()
        .filter(initiative=initiative, status=DecisionRequestStatus.PENDING)
        .exists()
    ):
        raise ValidationError(_("A decision request is already waiting for this project."))
    point = run.current_phase.decision_points.first()
    if point is None:
        raise ValidationError(_("The current phase has no decision point."))
    _check_documents(
        run,
        _(
            "Fill in, upload or mark as not relevant these documents before you ask for the "
            "decision: %(documents)s."
        ),
    )
    request = DecisionRequest(
        municipality=initiative.municipality,
        initiative=initiative,
        decision_point=point,
        requested_by=actor,
        note=note.strip(),
    )
    save_with_history(request, actor=actor)
    tell_deciders(actor=actor, request=request)
    return request


# --- The decision, step by step ------------------------------------------------------------------


def _pending_request(request: DecisionRequest) -> DecisionRequest:
    """The request, locked for this transaction, refused unless it still waits."""
    request = (
        DecisionRequest.objects.select_for_update(of=("self",))
        .select_related("initiative", "decision_point__phase", "decision_point__decider_person")
        .get(pk=request.pk)
    )
    if request.status != DecisionRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    return request


def _check_decider(actor: User, request: DecisionRequest) -> None:
    """Only the one the decision point names decides, and never the one who asked for it or
    the project's leader, unless the level allows it (see ``decision_refusal``)."""
    initiative, point = request.initiative, request.decision_point
    if point.decider == Decider.PROJECT_OWNER and initiative.project_owner_id is None:
        raise ValidationError(_("The initiative has no project owner who can decide."))
    refusal = decision_refusal(actor, request)
    if refusal is not None:
        raise ValidationError(refusal, code="not_the_decider")


def _project_at_the_gate(request: DecisionRequest) -> ProjectMethod:
    """The project's enrolment, refused unless it still stands in the requested phase."""
    run = _project_method(request.initiative)
    assert run is not None  # a request is only made for a project with a method
    if request.decision_point.phase_id != run.current_phase.pk:
        raise ValidationError(_("The request is for another phase than the one the project is in."))
    return run


def _is_member(municipality: Municipality, user: User | None) -> bool:
    return (
        user is not None
        and Membership.objects.filter(municipality=municipality, user=user).exists()
    )


def _check_operation_gate(municipality: Municipality, decision: Decision) -> None:
    """The gate into operation names the unit and person who run the solution, the handover
    date and the benefits owner."""
    missing = []
    unit = decision.operations_unit
    if unit is None or unit.municipality_id != municipality.pk:
        missing.append(_("the unit responsible for operation"))
    if not _is_member(municipality, decision.operations_person):
        missing.append(_("the person responsible for operation"))
    if decision.handover_date is None:
        missing.append(_("the handover date"))
    if not _is_member(municipality, decision.benefits_owner):
        missing.append(_("the benefits owner"))
    if missing:
        raise ValidationError(
            _("The project cannot pass the gate into operation without %(missing)s.")
            % {"missing": ", ".join(str(item) for item in missing)},
            code="operation_gate",
        )
    _check_operation_people(municipality, decision)


def _check_operation_people(municipality: Municipality, decision: Decision) -> None:
    """The benefits owner's role must allow owning benefits, and they are not the project's own
    leader (unless the level allows one person both roles); the operations person is no reader.
    """
    errors: dict[str, str] = {}
    refusal = refusal_to_choose(
        decision.benefits_owner, municipality_id=municipality.pk, capability=Capability.OWN_BENEFITS
    )
    initiative = decision.request.initiative
    leads = decision.benefits_owner_id == initiative.project_leader_id
    if refusal is None and leads and not combined_roles_allowed(initiative.pk):
        refusal = _(
            "The project leader cannot own the project's benefits: choose the benefits owner "
            "in the line."
        )
    if refusal is not None:
        errors["benefits_owner"] = refusal
    refusal = refusal_to_choose(
        decision.operations_person, municipality_id=municipality.pk, capability=ANY_TASK
    )
    if refusal is not None:
        errors["operations_person"] = refusal
    if errors:
        raise ValidationError(errors)


def _phase_after(run: ProjectMethod, to_phase: Phase | None) -> Phase | None:
    """The phase an approval moves the project to: the next one, or on a non-linear method any
    other phase of its version; None when the project has passed its last phase."""
    next_phase = (
        run.version.phases.filter(position__gt=run.current_phase.position)
        .order_by("position")
        .first()
    )
    if to_phase is None or to_phase.pk == getattr(next_phase, "pk", None):
        return next_phase
    if run.version.method.is_linear:
        raise ValidationError(
            {"to_phase": _("This method goes phase by phase: a phase cannot be skipped.")}
        )
    if to_phase.version_id != run.version_id or to_phase.pk == run.current_phase.pk:
        raise ValidationError({"to_phase": _("Choose another phase of the method.")})
    return to_phase


def _approve(actor: User, run: ProjectMethod, decision: Decision, to_phase: Phase | None) -> None:
    """Move the project on (or complete its method) once the approval holds: conditions
    written, no document missing, the gate into operation's facts given."""
    if decision.outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS and not decision.comment:
        raise ValidationError({"comment": _("Write the conditions.")})
    _check_documents(
        run,
        _(
            "The phase cannot be approved while these documents are missing: %(documents)s. "
            "Send the request back instead."
        ),
    )
    if decision.from_phase.is_operation_gate:
        _check_operation_gate(decision.municipality, decision)
    next_phase = _phase_after(run, to_phase)
    if next_phase is None:
        decision.to_phase = decision.from_phase
        decision.completes_method = True
        run.completed_at = timezone.now()
    else:
        decision.to_phase = next_phase
        run.current_phase = next_phase
    save_with_history(run, actor=actor)


def _send_back(decision: Decision) -> None:
    """A project sent back is told why: the project leader reads the reason on the start page."""
    if not decision.comment:
        raise ValidationError({"comment": SEND_BACK_NEEDS_A_REASON})


def _stop(actor: User, initiative: Initiative, reason: str) -> None:
    """Stop the initiative, with the decision's comment as the reason."""
    if not reason:
        raise ValidationError({"comment": _("Say why the project is stopped.")})
    initiative_update(
        actor=actor,
        initiative=initiative,
        expected_version=initiative.version,
        fields={"status": InitiativeStatus.STOPPED, "stop_reason": reason},
    )


def _record(actor: User, decision: Decision, run: ProjectMethod) -> None:
    """Save the decision with the documents it was made on, log it, close the request."""
    save_with_history(decision, actor=actor)
    decision_documents_record(actor=actor, decision=decision, run=run, phase=decision.from_phase)
    project_log_record_decision(decision=decision)
    request = decision.request
    request.status = DecisionRequestStatus.DECIDED
    save_with_history(request, actor=actor)


@transaction.atomic
def decision_make(
    *,
    actor: User,
    request: DecisionRequest,
    outcome: str,
    comment: str = "",
    to_phase: Phase | None = None,
    operations_unit: OrgUnit | None = None,
    operations_person: User | None = None,
    handover_date: date | None = None,
    benefits_owner: User | None = None,
) -> Decision:
    """Decide a waiting request. Only the one the decision point names decides, never the one
    who asked for it nor the project's leader unless the level allows it (see
    ``decision_refusal``). Approval moves the project to the next phase (a non-linear method may
    name any other phase); approving the last phase completes the method; "sent back" keeps the
    phase and needs the comment as its reason; "stopped" stops the initiative with the comment as
    the reason. Approval is refused
    while a required document is missing (see ``decision_request_create``); every decision
    records the documents it was made on, each in its version or "not relevant" with the
    reason. The operation facts count only at the gate into operation. Nothing changes if
    anything is refused. The project's owner, leader and the one who asked are notified
    (``notices.tell_project``), never the one who decided."""
    request = _pending_request(request)
    _check_decider(actor, request)
    if outcome not in DecisionOutcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    run = _project_at_the_gate(request)
    decision = Decision(
        municipality=request.initiative.municipality,
        request=request,
        decided_by=actor,
        outcome=outcome,
        comment=comment.strip(),
        from_phase=run.current_phase,
    )
    if outcome in APPROVING_OUTCOMES:
        if run.current_phase.is_operation_gate:
            decision.operations_unit = operations_unit
            decision.operations_person = operations_person
            decision.handover_date = handover_date
            decision.benefits_owner = benefits_owner
        _approve(actor, run, decision, to_phase)
    elif outcome == DecisionOutcome.SENT_BACK:
        _send_back(decision)
    elif outcome == DecisionOutcome.STOPPED:
        _stop(actor, request.initiative, decision.comment)
    _record(actor, decision, run)
    tell_project(actor=actor, decision=decision)
    return decision
