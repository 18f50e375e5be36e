"""Writes to the service catalogue: service areas and the municipal services in them.

``service_*`` functions act on a municipal service (tjeneste, the ``Service`` model) and
``service_area_*`` on a service area; "services" as a module name is only the write layer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.maturity.models import Service, ServiceArea
from helhet.organization.models import Municipality, OrgUnit


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


def _check_area(area: ServiceArea) -> None:
    """Tidy the area's name and refuse what may not be saved (ValidationError by field)."""
    area.name = area.name.strip()
    _check_unit(area.municipality_id, area.org_unit, "org_unit")
    if area.name and _name_taken(ServiceArea, area, area.name):
        raise ValidationError({"name": _("There is already a service area with this name.")})
    area.full_clean(validate_unique=False, validate_constraints=False)


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
    _check_area(area)
    save_with_history(area, actor=actor)
    return area


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
    _check_area(area)
    save_with_history(area, actor=actor)
    return area


def _check_service(service: Service) -> None:
    """Tidy the municipal service's texts and refuse what may not be saved (ValidationError by
    field)."""
    service.name = service.name.strip()
    service.case_system = service.case_system.strip()
    service.national_solution = service.national_solution.strip()
    if service.area_id is not None and service.area.municipality_id != service.municipality_id:
        raise ValidationError({"area": _("Choose a service area of your municipality.")})
    _check_unit(service.municipality_id, service.responsible_unit, "responsible_unit")
    if service.name and _name_taken(Service, service, service.name):
        raise ValidationError({"name": _("There is already a service with this name.")})
    service.full_clean(validate_unique=False, validate_constraints=False)


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
    """Add a municipal service to the catalogue, in one of the municipality's service areas. Its
    name is unique in the municipality whatever the case (“Byggesøknad” and “BYGGESØKNAD” are
    one)."""
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
    _check_service(service)
    save_with_history(service, actor=actor)
    return service


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
    """Change a municipal service's facts (same rules as service_create). Its assessments stay."""
    service.name, service.area, service.responsible_unit = name, area, responsible_unit
    service.description, service.case_system = description, case_system
    service.national_solution, service.yearly_volume = national_solution, yearly_volume
    _check_service(service)
    save_with_history(service, actor=actor)
    return service
