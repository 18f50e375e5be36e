"""Every change to a project's method goes through here: enrolment, a request for a decision and
the decision itself. The phase a project stands in changes only in ``decision_make``."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.methodology.models import (
    APPROVING_OUTCOMES,
    Decision,
    DecisionOutcome,
    DecisionRequest,
    DecisionRequestStatus,
    Level,
    MethodVersion,
    Phase,
    ProjectMethod,
)
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, InitiativeStatus
from helhet.portfolio.services import initiative_update


def _project_method(initiative: Initiative) -> ProjectMethod | None:
    return (
        ProjectMethod.objects.select_related("version__method", "level", "current_phase")
        .filter(initiative=initiative)
        .first()
    )


@transaction.atomic
def project_method_set(
    *, actor: User | None, initiative: Initiative, version: MethodVersion, level: Level
) -> ProjectMethod:
    """Put the initiative on ``version`` at ``level``, at the version's first phase. The method
    may be changed until the first decision is made; after that it stays."""
    if version.municipality_id != initiative.municipality_id:
        raise ValidationError({"version": _("Choose one of your municipality's methods.")})
    if level.version_id != version.pk:
        raise ValidationError({"level": _("Choose a level of the method you chose.")})
    first_phase = version.phases.order_by("position").first()
    if first_phase is None:
        raise ValidationError({"version": _("This method has no phases.")})
    existing = ProjectMethod.objects.select_for_update().filter(initiative=initiative).first()
    if existing is not None:
        if Decision.objects.filter(request__initiative=initiative).exists():
            raise ValidationError(
                _("The method cannot be changed after the first decision has been made.")
            )
        if DecisionRequest.objects.filter(
            initiative=initiative, status=DecisionRequestStatus.PENDING
        ).exists():
            raise ValidationError(
                _("The method cannot be changed while a decision request is waiting.")
            )
        run = existing
        run.version = version
        run.level = level
        run.current_phase = first_phase
        run.started_at = timezone.now()
    else:
        run = ProjectMethod(
            municipality=initiative.municipality,
            initiative=initiative,
            version=version,
            level=level,
            current_phase=first_phase,
        )
    run._history_user = actor  # type: ignore[attr-defined]
    run.save()
    return run


@transaction.atomic
def decision_request_create(
    *, actor: User | None, initiative: Initiative, note: str = ""
) -> DecisionRequest:
    """Ask for the decision that ends the project's current phase."""
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
    request = DecisionRequest(
        municipality=initiative.municipality,
        initiative=initiative,
        decision_point=point,
        requested_by=actor,
        note=note.strip(),
    )
    request._history_user = actor  # type: ignore[attr-defined]
    request.save()
    return request


def _is_member(municipality: Municipality, user: User | None) -> bool:
    return (
        user is not None
        and Membership.objects.filter(municipality=municipality, user=user).exists()
    )


def _check_operation_gate(
    municipality: Municipality,
    operations_unit: OrgUnit | None,
    operations_person: User | None,
    handover_date: date | None,
    benefits_owner: User | None,
) -> None:
    missing = []
    if operations_unit is None or operations_unit.municipality_id != municipality.pk:
        missing.append(_("the unit responsible for operation"))
    if not _is_member(municipality, operations_person):
        missing.append(_("the person responsible for operation"))
    if handover_date is None:
        missing.append(_("the handover date"))
    if not _is_member(municipality, benefits_owner):
        missing.append(_("the benefits owner"))
    if missing:
        raise ValidationError(
            _("The project cannot pass the gate into operation without %(missing)s.")
            % {"missing": ", ".join(str(item) for item in missing)},
            code="operation_gate",
        )


def _next_phase(run: ProjectMethod) -> Phase | None:
    return (
        run.version.phases.filter(position__gt=run.current_phase.position)
        .order_by("position")
        .first()
    )


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
    """Decide a waiting request. Only the initiative's project owner decides. Approval moves the
    project to the next phase (a non-linear method may name any other phase); approving the last
    phase completes the method; "sent back" keeps the phase; "stopped" stops the initiative with
    the comment as the reason. Nothing changes if anything is refused."""
    request = (
        DecisionRequest.objects.select_for_update()
        .select_related("initiative", "decision_point__phase")
        .get(pk=request.pk)
    )
    initiative = request.initiative
    if request.status != DecisionRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if initiative.project_owner_id is None:
        raise ValidationError(_("The initiative has no project owner who can decide."))
    if initiative.project_owner_id != actor.pk:
        raise ValidationError(_("Only the project owner may make this decision."))
    if outcome not in DecisionOutcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    comment = comment.strip()
    run = _project_method(initiative)
    assert run is not None  # a request is only made for a project with a method
    from_phase = run.current_phase
    if request.decision_point.phase_id != from_phase.pk:
        raise ValidationError(_("The request is for another phase than the one the project is in."))

    decision = Decision(
        municipality=initiative.municipality,
        request=request,
        decided_by=actor,
        outcome=outcome,
        comment=comment,
        from_phase=from_phase,
    )
    approving = outcome in APPROVING_OUTCOMES
    if approving:
        if outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS and not comment:
            raise ValidationError({"comment": _("Write the conditions.")})
        if from_phase.is_operation_gate:
            _check_operation_gate(
                initiative.municipality,
                operations_unit,
                operations_person,
                handover_date,
                benefits_owner,
            )
            decision.operations_unit = operations_unit
            decision.operations_person = operations_person
            decision.handover_date = handover_date
            decision.benefits_owner = benefits_owner
        next_phase = _next_phase(run)
        if to_phase is not None and to_phase.pk != getattr(next_phase, "pk", None):
            if run.version.method.is_linear:
                raise ValidationError(
                    {"to_phase": _("This method goes phase by phase: a phase cannot be skipped.")}
                )
            if to_phase.version_id != run.version_id or to_phase.pk == from_phase.pk:
                raise ValidationError({"to_phase": _("Choose another phase of the method.")})
            next_phase = to_phase
        if next_phase is None:
            decision.to_phase = from_phase
            decision.completes_method = True
            run.completed_at = timezone.now()
        else:
            decision.to_phase = next_phase
            run.current_phase = next_phase
        run._history_user = actor  # type: ignore[attr-defined]
        run.save()
    elif outcome == DecisionOutcome.STOPPED:
        if not comment:
            raise ValidationError({"comment": _("Say why the project is stopped.")})
        initiative_update(
            actor=actor,
            initiative=initiative,
            expected_version=initiative.version,
            fields={"status": InitiativeStatus.STOPPED, "stop_reason": comment},
        )

    decision._history_user = actor  # type: ignore[attr-defined]
    decision.save()
    request.status = DecisionRequestStatus.DECIDED
    request._history_user = actor  # type: ignore[attr-defined]
    request.save()
    return decision
