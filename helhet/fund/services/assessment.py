"""The portfolio office's assessment of a submitted application, in Digdir's two steps: the
formal requirements (the office's judgement, beside the system's own checks of the rules), then
a score 1–5 on each criterion of the rules version the application was submitted under."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.fund.duties import assessment_refusal, state_refusal
from helhet.fund.models import Application, CriterionScore


def _application_to_assess(actor: User, application: Application) -> Application:
    """The application's row locked for the rest of the transaction, once the state and the
    segregation of duties allow ``actor`` to assess it; a ValidationError otherwise."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("fund", "initiative", "rules")
        .get(pk=application.pk)
    )
    refusal = state_refusal(locked) or assessment_refusal(actor, locked)
    if refusal:
        raise ValidationError(refusal)
    return locked


def _mark_assessed(application: Application, actor: User, fields: list[str]) -> None:
    application.assessed_by = actor
    application.assessed_at = timezone.now()
    application.version += 1
    save_with_history(
        application,
        actor=actor,
        update_fields=[*fields, "assessed_by", "assessed_at", "version"],
    )


@transaction.atomic
def application_formal_check(
    *, actor: User, application: Application, passed: bool, note: str = ""
) -> Application:
    """Record whether the submitted application meets the formal requirements (step one), with
    a note; a failed check must say what is missing. Refused (nothing written) for a draft or a
    decided application, and for anyone the segregation of duties keeps from assessing it."""
    locked = _application_to_assess(actor, application)
    note = note.strip()
    if not passed and not note:
        raise ValidationError(
            {"note": _("Say which requirement is not met, so the applicant can put it right.")}
        )
    locked.formal_check_passed = passed
    locked.formal_check_note = note
    _mark_assessed(locked, actor, ["formal_check_passed", "formal_check_note"])
    return locked


@transaction.atomic
def application_score(
    *,
    actor: User,
    application: Application,
    scores: Mapping[int, tuple[int, str]],
) -> Application:
    """Score the application on criteria of its rules version (step two): ``scores`` maps a
    criterion's id to (score 1–5, comment). A score already given is changed. Refused (nothing
    written) before the formal requirements are found met, for a criterion of another rules
    version, a score outside 1–5, and for anyone who may not assess the application."""
    locked = _application_to_assess(actor, application)
    if locked.formal_check_passed is not True:
        raise ValidationError(
            _("Check the formal requirements first: only an application that meets them is scored.")
        )
    criteria = (
        {criterion.pk: criterion for criterion in locked.rules.criteria.all()}
        if locked.rules
        else {}
    )
    unknown = set(scores) - set(criteria)
    if unknown:
        raise ValidationError(
            _("Score only the criteria of the rules version the application was submitted under.")
        )
    existing = {score.criterion_id: score for score in locked.scores.all()}
    for criterion_id, (value, comment) in scores.items():
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError(
                _("Give %(criterion)s a score from 1 to 5.")
                % {"criterion": criteria[criterion_id].name}
            )
        score = existing.get(criterion_id) or CriterionScore(
            municipality_id=locked.municipality_id,
            application=locked,
            criterion=criteria[criterion_id],
        )
        score.score = value
        score.comment = comment.strip()
        score.scored_by = actor
        save_with_history(score, actor=actor)
    _mark_assessed(locked, actor, [])
    return locked
