"""A project's enrolment on a method: the version, the level, the judged risk and how the project
meets the method's criteria. The method may be changed until the first decision is made."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history, save_with_history
from helhet.methodology.models import (
    Criterion,
    CriterionAnswer,
    Decision,
    DecisionRequest,
    DecisionRequestStatus,
    Level,
    MethodVersion,
    Phase,
    ProjectMethod,
)
from helhet.portfolio.models import Initiative


def _check_choice(version: MethodVersion, initiative: Initiative, level: Level) -> None:
    if version.municipality_id != initiative.municipality_id:
        raise ValidationError({"version": _("Choose one of your municipality's methods.")})
    if not version.is_current or version.published_at is None:
        raise ValidationError({"version": _("Choose the current version of a method.")})
    if level.version_id != version.pk:
        raise ValidationError({"level": _("Choose a level of the method you chose.")})


def _check_may_change(existing: ProjectMethod | None, initiative: Initiative) -> None:
    """An enrolment changes only before the first decision and while nothing waits."""
    if existing is None:
        return
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


def _check_criteria(
    version: MethodVersion, criteria: list[Criterion], answers: dict[int, str]
) -> None:
    unmet = [criterion.name for criterion in criteria if not answers.get(criterion.pk)]
    if unmet:
        raise ValidationError(
            _(
                "A project on %(method)s must say how it meets each of the method's criteria. "
                "Missing: %(criteria)s."
            )
            % {"method": version.method.name, "criteria": ", ".join(unmet)},
            code="criteria",
        )


def _enrolment(
    existing: ProjectMethod | None,
    initiative: Initiative,
    version: MethodVersion,
    level: Level,
    risk: int | None,
    first_phase: Phase,
) -> ProjectMethod:
    """The enrolment, new or changed, at the first phase (not saved)."""
    if existing is None:
        return ProjectMethod(
            municipality=initiative.municipality,
            initiative=initiative,
            version=version,
            level=level,
            risk=risk,
            current_phase=first_phase,
        )
    existing.version = version
    existing.level = level
    existing.risk = risk
    existing.current_phase = first_phase
    existing.started_at = timezone.now()
    return existing


def _answers_save(
    actor: User | None,
    initiative: Initiative,
    run: ProjectMethod,
    criteria: list[Criterion],
    answers: dict[int, str],
) -> None:
    """Keep one answer per criterion of the version, dropping those of another version."""
    for stale in run.criterion_answers.exclude(criterion__in=criteria):
        delete_with_history(stale, actor=actor)
    for criterion in criteria:
        answer = run.criterion_answers.filter(criterion=criterion).first() or CriterionAnswer(
            municipality=initiative.municipality, project_method=run, criterion=criterion
        )
        if answer.explanation != answers[criterion.pk]:
            answer.explanation = answers[criterion.pk]
            save_with_history(answer, actor=actor)


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
    _check_choice(version, initiative, level)
    if risk is not None and not 1 <= risk <= 5:
        raise ValidationError({"risk": _("The risk is from 1 (low) to 5 (high).")})
    first_phase = version.phases.order_by("position").first()
    if first_phase is None:
        raise ValidationError({"version": _("This method has no phases.")})
    existing = ProjectMethod.objects.select_for_update().filter(initiative=initiative).first()
    _check_may_change(existing, initiative)
    answers = {pk: text.strip() for pk, text in (criteria or {}).items()}
    version_criteria = list(version.criteria.order_by("position", "pk"))
    _check_criteria(version, version_criteria, answers)
    run = _enrolment(existing, initiative, version, level, risk, first_phase)
    save_with_history(run, actor=actor)
    _answers_save(actor, initiative, run, version_criteria, answers)
    return run
