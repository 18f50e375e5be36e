"""Every change to the service catalogue, its maturity assessments and the plan to close the gaps
goes through here: validated, atomic, recorded in history."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.maturity.models import (
    Answer,
    Assessment,
    MaturityLevel,
    MaturitySettings,
    PlannedStep,
    Service,
    ServiceArea,
    StepStatus,
)
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative

# The answers a person may give; UNCLASSIFIED is only for imported text no one has read yet.
PERSON_ANSWERS = frozenset(Answer.values) - {Answer.UNCLASSIFIED.value}

# --- Catalogue ----------------------------------------------------------------------------------


def _name_taken(model: type[Service] | type[ServiceArea], obj: Model, name: str) -> bool:
    """Whether another record of ``model`` in the municipality has ``name``, whatever the case,
    also for æ, ø and å (SQLite's case-insensitive matching knows only ASCII, so the comparison
    is made here, among the names of the same length)."""
    key = name.casefold()
    same_length = (
        model._default_manager.filter(municipality_id=obj.municipality_id)  # type: ignore[attr-defined]
        .exclude(pk=obj.pk)
        .annotate(name_length=Length("name"))
        .filter(name_length=len(name))
        .values_list("name", flat=True)
    )
    return any(other.casefold() == key for other in same_length)


def _check_unit(municipality_id: int, unit: OrgUnit | None, field: str) -> None:
    if unit is not None and unit.municipality_id != municipality_id:
        raise ValidationError({field: _("Choose a unit in your municipality.")})


def _save_area(actor: User | None, area: ServiceArea) -> ServiceArea:
    area.name = area.name.strip()
    _check_unit(area.municipality_id, area.org_unit, "org_unit")
    if area.name and _name_taken(ServiceArea, area, area.name):
        raise ValidationError({"name": _("There is already a service area with this name.")})
    area.full_clean(validate_unique=False, validate_constraints=False)
    area._history_user = actor  # type: ignore[attr-defined]
    area.save()
    return area


@transaction.atomic
def service_area_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    org_unit: OrgUnit | None = None,
    position: int = 0,
) -> ServiceArea:
    """Add a service area to the catalogue. Its name is unique in the municipality whatever the
    case; the unit it is tied to, if any, is the municipality's own."""
    area = ServiceArea(municipality=municipality, name=name, org_unit=org_unit, position=position)
    return _save_area(actor, area)


@transaction.atomic
def service_area_update(
    *,
    actor: User | None,
    area: ServiceArea,
    name: str,
    org_unit: OrgUnit | None,
    position: int = 0,
) -> ServiceArea:
    """Rename a service area, tie it to another unit or move it in the list (same rules as
    service_area_create)."""
    area.name, area.org_unit, area.position = name, org_unit, position
    return _save_area(actor, area)


def _save_service(actor: User | None, service: Service) -> Service:
    service.name = service.name.strip()
    service.case_system = service.case_system.strip()
    service.national_solution = service.national_solution.strip()
    if service.area_id is not None and service.area.municipality_id != service.municipality_id:
        raise ValidationError({"area": _("Choose a service area of your municipality.")})
    _check_unit(service.municipality_id, service.responsible_unit, "responsible_unit")
    if service.name and _name_taken(Service, service, service.name):
        raise ValidationError({"name": _("There is already a service with this name.")})
    service.full_clean(validate_unique=False, validate_constraints=False)
    service._history_user = actor  # type: ignore[attr-defined]
    service.save()
    return service


@transaction.atomic
def service_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    area: ServiceArea,
    responsible_unit: OrgUnit | None = None,
    description: str = "",
    case_system: str = "",
    national_solution: str = "",
    yearly_volume: int | None = None,
) -> Service:
    """Add a service to the catalogue, in one of the municipality's service areas. Its name is
    unique in the municipality whatever the case (“Byggesøknad” and “BYGGESØKNAD” are one)."""
    service = Service(
        municipality=municipality,
        name=name,
        area=area,
        responsible_unit=responsible_unit,
        description=description,
        case_system=case_system,
        national_solution=national_solution,
        yearly_volume=yearly_volume,
    )
    return _save_service(actor, service)


@transaction.atomic
def service_update(
    *,
    actor: User | None,
    service: Service,
    name: str,
    area: ServiceArea,
    responsible_unit: OrgUnit | None,
    description: str = "",
    case_system: str = "",
    national_solution: str = "",
    yearly_volume: int | None = None,
) -> Service:
    """Change a service's facts (same rules as service_create). Its assessments stay."""
    service.name, service.area, service.responsible_unit = name, area, responsible_unit
    service.description, service.case_system = description, case_system
    service.national_solution, service.yearly_volume = national_solution, yearly_volume
    return _save_service(actor, service)


# --- Assessments --------------------------------------------------------------------------------


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
    allowed = frozenset(Answer.values) if imported else PERSON_ANSWERS
    errors: dict[str, list[str]] = {}
    for field, value in (("application", application), ("transfer", transfer), ("answer", answer)):
        if value not in allowed:
            errors[field] = [_("Choose yes, no, unsure or partly.")]
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    assessment = (
        Assessment.objects.select_for_update()
        .filter(service=service, assessed_on=assessed_on)
        .first()
    ) or Assessment(
        municipality_id=service.municipality_id, service=service, assessed_on=assessed_on
    )
    assessment.application = application
    assessment.application_comment = application_comment.strip()
    assessment.transfer = transfer
    assessment.transfer_comment = transfer_comment.strip()
    assessment.answer = answer
    assessment.answer_comment = answer_comment.strip()
    assessment.source = source.strip()
    assessment.recorded_by = actor
    assessment.full_clean(validate_unique=False, validate_constraints=False)
    assessment._history_user = actor  # type: ignore[attr-defined]
    assessment.save()
    return assessment


# --- Planned steps and settings ------------------------------------------------------------------


def _check_step(
    *,
    municipality_id: int,
    level: int,
    description: str,
    initiative: Initiative | None,
    needs_initiative: bool,
    responsible: User | None,
    status: str,
) -> None:
    errors: dict[str, list[str]] = {}
    if level not in MaturityLevel.values:
        errors["level"] = [_("Choose level 1, 2 or 3.")]
    if not description.strip():
        errors["description"] = [_("Say what will be done.")]
    if initiative is not None and initiative.municipality_id != municipality_id:
        errors["initiative"] = [_("Choose an initiative in your municipality’s portfolio.")]
    elif initiative is not None and needs_initiative:
        errors["needs_initiative"] = [
            _("Choose the initiative that carries the step, or mark that one is needed, not both.")
        ]
    if (
        responsible is not None
        and not Membership.objects.filter(
            user=responsible, municipality_id=municipality_id
        ).exists()
    ):
        errors["responsible"] = [_("Choose a person who works in your municipality.")]
    if status not in StepStatus.values:
        errors["status"] = [_("Choose planned, in progress or done.")]
    if errors:
        raise ValidationError(errors)


def _save_step(actor: User | None, step: PlannedStep) -> PlannedStep:
    _check_step(
        municipality_id=step.municipality_id,
        level=step.level,
        description=step.description,
        initiative=step.initiative,
        needs_initiative=step.needs_initiative,
        responsible=step.responsible,
        status=step.status,
    )
    step.description = step.description.strip()
    step.full_clean(validate_constraints=False)
    step._history_user = actor  # type: ignore[attr-defined]
    step.save()
    return step


@transaction.atomic
def step_create(
    *,
    actor: User | None,
    service: Service,
    level: int,
    description: str,
    initiative: Initiative | None = None,
    needs_initiative: bool = False,
    responsible: User | None = None,
    due_date: date | None = None,
    status: str = StepStatus.PLANNED,
) -> PlannedStep:
    """Plan a step to lift ``service`` to ``level`` (1–3): what will be done, the initiative in
    the municipality's portfolio that carries it or that one is needed (not both), who answers
    for it (a member of the municipality) and by when. ValidationError, with a message per
    field, when any of that does not hold; nothing is written then."""
    step = PlannedStep(
        municipality_id=service.municipality_id,
        service=service,
        level=level,
        description=description,
        initiative=initiative,
        needs_initiative=needs_initiative,
        responsible=responsible,
        due_date=due_date,
        status=status,
    )
    return _save_step(actor, step)


@transaction.atomic
def step_update(
    *,
    actor: User | None,
    step: PlannedStep,
    level: int,
    description: str,
    initiative: Initiative | None,
    needs_initiative: bool,
    responsible: User | None,
    due_date: date | None,
    status: str,
) -> PlannedStep:
    """Change a planned step (same rules as step_create). Its history keeps what it said."""
    step.level, step.description, step.status = level, description, status
    step.initiative, step.needs_initiative = initiative, needs_initiative
    step.responsible, step.due_date = responsible, due_date
    return _save_step(actor, step)


@transaction.atomic
def step_delete(*, actor: User | None, step: PlannedStep) -> None:
    """Remove a planned step; its history records who removed it."""
    step._history_user = actor  # type: ignore[attr-defined]
    step.delete()


@transaction.atomic
def maturity_settings_update(
    *, actor: User | None, municipality: Municipality, public_page: bool
) -> MaturitySettings:
    """Switch the municipality's public maturity page on or off. One settings record per
    municipality, made the first time."""
    settings = MaturitySettings.objects.select_for_update().filter(
        municipality=municipality
    ).first() or MaturitySettings(municipality=municipality)
    settings.public_page = public_page
    settings._history_user = actor  # type: ignore[attr-defined]
    settings.save()
    return settings
