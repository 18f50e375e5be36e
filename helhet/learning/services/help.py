"""Every change to a request for help across departments: a unit asks a department (method,
implementation, data and analysis); the asked department accepts it with a plan or declines it
with a reason, and closes it with the outcome. Atomic, checked, recorded in history; nothing is
written when anything is refused."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.duties import may, refusal_to_answer_help_request
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.core.history import save_with_history
from helhet.learning.helping import helping_units, in_asked_department
from helhet.learning.models import HelpKind, HelpRequest, HelpStatus
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative


@transaction.atomic
def help_request_ask(
    *,
    actor: User | None,
    municipality: Municipality,
    from_unit: OrgUnit,
    to_unit: OrgUnit,
    kind: str,
    title: str,
    description: str,
    initiative: Initiative | None = None,
) -> HelpRequest:
    """A unit asks another department for help, by anyone whose role asks for help
    (PermissionDenied otherwise; ``actor=None`` is the system). Both units and the initiative
    in the municipality, two different units, the asked one a department that offers help
    (when the municipality has marked any: ``OrgUnit.offers_help``), a title and a
    description; else a ValidationError and nothing written."""
    if actor is not None and not may(actor, municipality.pk, Capability.ASK_FOR_HELP):
        raise PermissionDenied(_("Your role reads the requests for help but does not ask."))
    errors = {}
    if from_unit.municipality_id != municipality.pk:
        errors["from_unit"] = _("Choose a unit in your municipality.")
    if to_unit.municipality_id != municipality.pk:
        errors["to_unit"] = _("Choose a department in your municipality.")
    elif to_unit.pk == from_unit.pk:
        errors["to_unit"] = _("Ask another department than the unit that asks.")
    elif not to_unit.offers_help and helping_units(municipality).exists():
        errors["to_unit"] = _(
            "Ask one of the departments that offer help across departments: %(names)s."
        ) % {"names": ", ".join(unit.name for unit in helping_units(municipality))}
    if initiative is not None and initiative.municipality_id != municipality.pk:
        errors["initiative"] = _("Choose an initiative in your municipality.")
    if kind not in HelpKind.values:
        errors["kind"] = _("Choose what you need help with.")
    if not title.strip():
        errors["title"] = _("Give the request a short title.")
    if not description.strip():
        errors["description"] = _("Describe what you need help with, in a few sentences.")
    if errors:
        raise ValidationError(errors)
    request = HelpRequest(
        municipality=municipality,
        from_unit=from_unit,
        to_unit=to_unit,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        initiative=initiative,
        asked_by=actor,
    )
    save_with_history(request, actor=actor)
    return request


def _check_answerer(actor: User | None, request: HelpRequest) -> None:
    if actor is None:
        return
    refusal = refusal_to_answer_help_request(
        actor,
        municipality_id=request.municipality_id,
        asked_by_id=request.asked_by_id,
        in_asked_department=in_asked_department(actor, request),
    )
    if refusal is not None:
        raise PermissionDenied(refusal)


def _locked(request: HelpRequest, expected_version: int | None) -> HelpRequest:
    current = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _("Someone else answered this request meanwhile. Open it again to see the answer.")
        )
    return current


@transaction.atomic
def help_request_answer(
    *,
    actor: User | None,
    request: HelpRequest,
    accept: bool,
    answer: str,
    planned_for: date | None = None,
    expected_version: int | None = None,
) -> HelpRequest:
    """The asked department accepts the request with a plan (what, and from when), or declines
    it with a reason: only while it is asked, by the department's people and never by the one
    who asked (``refusal_to_answer_help_request``)."""
    _check_answerer(actor, request)
    current = _locked(request, expected_version)
    if current.status != HelpStatus.ASKED:
        raise ValidationError(_("This request is already answered."))
    if not answer.strip():
        raise ValidationError(
            {
                "answer": _("Say how you will help, and when.")
                if accept
                else _("Say why you decline, so the unit can ask elsewhere.")
            }
        )
    if planned_for is not None and planned_for < timezone.localdate(current.asked_at):
        raise ValidationError({"planned_for": _("The plan cannot start before it was asked.")})
    current.status = HelpStatus.ACCEPTED if accept else HelpStatus.DECLINED
    current.answer = answer.strip()
    current.planned_for = planned_for if accept else None
    current.answered_by = actor
    current.answered_at = timezone.now()
    current.version += 1
    save_with_history(current, actor=actor)
    return current


@transaction.atomic
def help_request_close(
    *,
    actor: User | None,
    request: HelpRequest,
    outcome: str,
    expected_version: int | None = None,
) -> HelpRequest:
    """The asked department closes an accepted request with what came of it (same people as
    ``help_request_answer``)."""
    _check_answerer(actor, request)
    current = _locked(request, expected_version)
    if current.status != HelpStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted request is closed; answer it first."))
    if not outcome.strip():
        raise ValidationError({"outcome": _("Say what came of the help.")})
    current.status = HelpStatus.CLOSED
    current.outcome = outcome.strip()
    current.closed_at = timezone.now()
    current.version += 1
    save_with_history(current, actor=actor)
    return current
