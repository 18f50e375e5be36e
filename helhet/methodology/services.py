"""Every change to a project's method goes through here: enrolment, a request for a decision and
the decision itself. The phase a project stands in changes only in ``decision_make``."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.documents.selectors import missing_documents
from helhet.documents.services import decision_documents_record
from helhet.methodology.models import (
    APPROVING_OUTCOMES,
    DECIDER_ROLES,
    CriterionAnswer,
    Decider,
    Decision,
    DecisionOutcome,
    DecisionPoint,
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
from helhet.projects.services import project_log_record_decision


def _project_method(initiative: Initiative) -> ProjectMethod | None:
    return (
        ProjectMethod.objects.select_related("version__method", "level", "current_phase")
        .filter(initiative=initiative)
        .first()
    )


@transaction.atomic
def project_method_set(
    *,
    actor: User | None,
    initiative: Initiative,
    version: MethodVersion,
    level: Level,
    risk: int | None = None,
    criteria: dict[int, str] | None = None,
) -> ProjectMethod:
    """Put the initiative on ``version`` at ``level``, at the version's first phase, with the
    overall risk the leader judges (1-5, optional). A method with criteria (Smartby's three)
    takes the project only if ``criteria`` says, for each criterion's id, how the project meets
    it. The method may be changed until the first decision is made; after that it stays."""
    if version.municipality_id != initiative.municipality_id:
        raise ValidationError({"version": _("Choose one of your municipality's methods.")})
    if not version.is_current or version.published_at is None:
        raise ValidationError({"version": _("Choose the current version of a method.")})
    if level.version_id != version.pk:
        raise ValidationError({"level": _("Choose a level of the method you chose.")})
    if risk is not None and not 1 <= risk <= 5:
        raise ValidationError({"risk": _("The risk is from 1 (low) to 5 (high).")})
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
    answers = {pk: text.strip() for pk, text in (criteria or {}).items()}
    version_criteria = list(version.criteria.order_by("position", "pk"))
    unmet = [criterion.name for criterion in version_criteria if not answers.get(criterion.pk)]
    if unmet:
        raise ValidationError(
            _(
                "A project on %(method)s must say how it meets each of the method's criteria. "
                "Missing: %(criteria)s."
            )
            % {"method": version.method.name, "criteria": ", ".join(unmet)},
            code="criteria",
        )
    if existing is not None:
        run = existing
        run.version = version
        run.level = level
        run.risk = risk
        run.current_phase = first_phase
        run.started_at = timezone.now()
    else:
        run = ProjectMethod(
            municipality=initiative.municipality,
            initiative=initiative,
            version=version,
            level=level,
            risk=risk,
            current_phase=first_phase,
        )
    run._history_user = actor  # type: ignore[attr-defined]
    run.save()
    for stale in run.criterion_answers.exclude(criterion__in=version_criteria):
        stale._history_user = actor  # type: ignore[attr-defined]
        stale.delete()
    for criterion in version_criteria:
        answer = run.criterion_answers.filter(criterion=criterion).first() or CriterionAnswer(
            municipality=initiative.municipality, project_method=run, criterion=criterion
        )
        if answer.explanation != answers[criterion.pk]:
            answer.explanation = answers[criterion.pk]
            answer._history_user = actor  # type: ignore[attr-defined]
            answer.save()
    return run


@transaction.atomic
def decision_request_create(
    *, actor: User | None, initiative: Initiative, note: str = ""
) -> DecisionRequest:
    """Ask for the decision that ends the project's current phase. Refused while a document the
    phase requires at the project's level has neither a version nor the mark "not relevant"."""
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
    request._history_user = actor  # type: ignore[attr-defined]
    request.save()
    return request


def _check_documents(run: ProjectMethod, message: str) -> None:
    """Refuse, naming them, while documents the current phase requires are missing."""
    missing = missing_documents(run)
    if missing:
        raise ValidationError(
            message % {"documents": ", ".join(requirement.name for requirement in missing)},
            code="documents_missing",
        )


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


def may_decide(user: User | None, initiative: Initiative, point: DecisionPoint) -> bool:
    """Whether ``user`` makes ``point``'s decision for ``initiative``: its project owner, a
    member with the role the point names, or the person it names."""
    if user is None:
        return False
    if point.decider == Decider.PROJECT_OWNER:
        return initiative.project_owner_id == user.pk
    if point.decider == Decider.PERSON:
        return point.decider_person_id == user.pk
    role = DECIDER_ROLES[Decider(point.decider)]
    return Membership.objects.filter(
        municipality_id=initiative.municipality_id, user=user, role=role
    ).exists()


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
    """Decide a waiting request. Only the one the decision point names decides (see
    ``may_decide``). Approval moves the
    project to the next phase (a non-linear method may name any other phase); approving the last
    phase completes the method; "sent back" keeps the phase; "stopped" stops the initiative with
    the comment as the reason. Approval is refused while a required document is missing (see
    ``decision_request_create``); every decision records the documents it was made on, each in
    its version or "not relevant" with the reason. Nothing changes if anything is refused."""
    request = (
        DecisionRequest.objects.select_for_update(of=("self",))
        .select_related("initiative", "decision_point__phase", "decision_point__decider_person")
        .get(pk=request.pk)
    )
    initiative = request.initiative
    if request.status != DecisionRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    point = request.decision_point
    if point.decider == Decider.PROJECT_OWNER and initiative.project_owner_id is None:
        raise ValidationError(_("The initiative has no project owner who can decide."))
    if not may_decide(actor, initiative, point):
        raise ValidationError(
            _("You cannot make this decision. It is made by: %(decider)s.")
            % {"decider": point.decider_label}
        )
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
        _check_documents(
            run,
            _(
                "The phase cannot be approved while these documents are missing: %(documents)s. "
                "Send the request back instead."
            ),
        )
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
    decision_documents_record(actor=actor, decision=decision, run=run, phase=from_phase)
    project_log_record_decision(decision=decision)
    request.status = DecisionRequestStatus.DECIDED
    request._history_user = actor  # type: ignore[attr-defined]
    request.save()
    return decision
