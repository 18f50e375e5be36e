"""The service catalogue's pages and API in the role and tenancy matrices (see tests/matrix.py),
and the Stavanger objects they are asked about: the service area "Oppvekst og utdanning" with the
service "Barnehageplass", assessed once."""

from __future__ import annotations

from datetime import date
from typing import Any

from helhet.accounts.roles import Capability
from helhet.maturity.models import Answer, Service, ServiceArea
from helhet.maturity.services.assessments import assessment_record
from helhet.maturity.services.catalogue import service_area_create, service_create
from helhet.organization.models import Municipality
from tests.conftest import unit_named
from tests.matrix import Target, View

AREA = "Oppvekst og utdanning"
SERVICE = "Barnehageplass"


def catalogue_area(municipality: Municipality, name: str = AREA) -> ServiceArea:
    """The service area ``name`` (tied to the unit of the same name when there is one), made
    once per test."""
    found = ServiceArea.objects.filter(municipality=municipality, name=name).first()
    if found is not None:
        return found
    unit = unit_named(municipality, name) if name == AREA else None
    return service_area_create(actor=None, municipality=municipality, name=name, org_unit=unit)


def catalogue_service(
    municipality: Municipality, name: str = SERVICE, area: str = AREA, **fields: Any
) -> Service:
    """The service ``name`` in ``area``, assessed on 30 June 2021 as the audit found
    Barnehageplass (yes at every level), made once per test."""
    found = Service.objects.filter(municipality=municipality, name=name).first()
    if found is not None:
        return found
    service = service_create(
        actor=None,
        municipality=municipality,
        name=name,
        area=catalogue_area(municipality, area),
        **fields,
    )
    assessment_record(
        actor=None,
        service=service,
        assessed_on=date(2021, 6, 30),
        application=Answer.YES,
        application_comment="",
        transfer=Answer.YES,
        transfer_comment="",
        answer=Answer.YES,
        answer_comment="",
        source="Forvaltningsrevisjon 2021",
    )
    return service


def _service_pk(stavanger: Municipality) -> int:
    return catalogue_service(stavanger).pk


def _area_pk(stavanger: Municipality) -> int:
    return catalogue_area(stavanger).pk


def _new_service(stavanger: Municipality) -> dict[str, str]:
    return {"name": "Startlån", "area": str(catalogue_area(stavanger).pk)}


def _service_form(stavanger: Municipality) -> dict[str, str]:
    return {
        "name": SERVICE,
        "area": str(catalogue_area(stavanger).pk),
        "case_system": "Public 360",
        "yearly_volume": "2400",
    }


def _assessment_form(stavanger: Municipality) -> dict[str, str]:
    return {
        "assessed_on": "2024-06-30",
        "application": Answer.YES,
        "transfer": Answer.PARTLY,
        "transfer_comment": "Bare for søknader fra foresatte med fødselsnummer.",
        "answer": Answer.YES,
    }


def _new_area(stavanger: Municipality) -> dict[str, str]:
    return {"name": "Kultur og idrett", "org_unit": "", "position": "4"}


def _area_form(stavanger: Municipality) -> dict[str, str]:
    return {"name": AREA, "org_unit": "", "position": "1"}


ROLE_VIEWS = [
    View("maturity:catalogue", (Capability.VIEW_PORTFOLIO,)),
    View("maturity:service_detail", (Capability.VIEW_PORTFOLIO,), _service_pk),
    View("maturity:service_history", (Capability.VIEW_HISTORY,), _service_pk),
    View(
        "maturity:service_create",
        (Capability.MANAGE_SERVICES,),
        None,
        _new_service,
        "/tjenester/",
    ),
    View(
        "maturity:service_edit",
        (Capability.MANAGE_SERVICES,),
        _service_pk,
        _service_form,
        "/tjenester/",
    ),
    View(
        "maturity:assessment_create",
        (Capability.MANAGE_SERVICES,),
        _service_pk,
        _assessment_form,
        "/tjenester/",
    ),
    View("maturity:area_list", (Capability.VIEW_PORTFOLIO,)),
    View(
        "maturity:area_create",
        (Capability.MANAGE_SERVICES,),
        None,
        _new_area,
        "/tjenester/omrader/",
    ),
    View(
        "maturity:area_edit",
        (Capability.MANAGE_SERVICES,),
        _area_pk,
        _area_form,
        "/tjenester/omrader/",
    ),
    View("maturity:import_upload", (Capability.MANAGE_SERVICES,)),
    View("maturity:import_confirm", (Capability.MANAGE_SERVICES,)),
    View("maturity:import_template_xlsx", (Capability.MANAGE_SERVICES,)),
    View("maturity:import_template_csv", (Capability.MANAGE_SERVICES,)),
]


def _service_target(stavanger: Municipality) -> Target:
    service = catalogue_service(stavanger)
    return Target(
        service.pk, service.name, {**_service_form(stavanger), **_assessment_form(stavanger)}
    )


def _area_target(stavanger: Municipality) -> Target:
    area = catalogue_area(stavanger)
    return Target(area.pk, area.name, {"name": "Bergen var her", "org_unit": "", "position": "0"})


def _api_service(stavanger: Municipality) -> Target:
    service = catalogue_service(stavanger)
    post = {**_assessment_form(stavanger), "transfer_comment": "Bergen var her"}
    return Target(service.pk, service.name, post, kwarg="service_id")


TENANCY_HTML = {
    "maturity:service_detail": _service_target,
    "maturity:service_edit": _service_target,
    "maturity:service_history": _service_target,
    "maturity:assessment_create": _service_target,
    "maturity:area_edit": _area_target,
}

TENANCY_API = {
    "api-v1:service_detail": _api_service,
    "api-v1:assessment_list": _api_service,
    "api-v1:assessment_create": _api_service,
}
