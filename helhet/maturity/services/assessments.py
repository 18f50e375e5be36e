"""Writes of maturity assessments: how digital a municipal service was at a date."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.maturity.models import Answer, Assessment, Service

# The answers a person may give; UNCLASSIFIED is only for imported text no one has read yet.
PERSON_ANSWERS = frozenset(Answer.values) - {Answer.UNCLASSIFIED.value}


def _check_assessment(assessed_on: date, answers: dict[str, str], *, imported: bool) -> None:
    """Refuse answers a person (or, with ``imported``, an import) may not give and a date in the
    future, with a message per field."""
    allowed = frozenset(Answer.values) if imported else PERSON_ANSWERS
    errors: dict[str, list[str]] = {}
    for field, value in answers.items():
        if value not in allowed:
            errors[field] = [_("Choose yes, no, unsure or partly.")]
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)


def _assessment_of_date(service: Service, assessed_on: date) -> Assessment:
    """The service's assessment of that date, locked for the change, or a new one."""
    return (
        Assessment.objects.select_for_update()
        .filter(service=service, assessed_on=assessed_on)
        .first()
    ) or Assessment(
        municipality_id=service.municipality_id, service=service, assessed_on=assessed_on
    )


@transaction.atomic
def assessment_record(
    *,
    actor: User | None,
    service: Service,
    assessed_on: date,
    application: str,
    application_comment: str,
    transfer: str,
    transfer_comment: str,
    answer: str,
    answer_comment: str,
    source: str = "",
    imported: bool = False,
) -> Assessment:
    """Record how digital ``service`` was on ``assessed_on``: an answer (yes, no, unsure, partly)
    and a comment for each of the three levels. One assessment per service and date: recording a
    date again changes that assessment (the history keeps what it said before); other dates are
    kept, so progress over the years shows. A date in the future is refused. "Not classified" is
    accepted only from an import (``imported``), for text no one has read as yes or no yet; a
    person classifies it by recording the date again."""
    answers = {"application": application, "transfer": transfer, "answer": answer}
    _check_assessment(assessed_on, answers, imported=imported)
    assessment = _assessment_of_date(service, assessed_on)
    assessment.application = application
    assessment.application_comment = application_comment.strip()
    assessment.transfer = transfer
    assessment.transfer_comment = transfer_comment.strip()
    assessment.answer = answer
    assessment.answer_comment = answer_comment.strip()
    assessment.source = source.strip()
    assessment.recorded_by = actor
    assessment.full_clean(validate_unique=False, validate_constraints=False)
    save_with_history(assessment, actor=actor)
    return assessment
