"""The maturity overview, the digital-first-choice plan (and its exports), planned steps and the
maturity settings in the role and tenancy matrices (see tests/matrix.py). The Stavanger objects
they are asked about: the catalogue's service "Barnehageplass" (tests/maturity/matrix_catalogue.py)
and a step planned for it. The public page is outside both matrices (no login, no role): see
tests/maturity/test_public.py."""

from __future__ import annotations

from helhet.accounts.roles import Capability
from helhet.maturity.models import PlannedStep, StepStatus
from helhet.maturity.services.steps import step_create
from helhet.organization.models import Municipality
from tests.matrix import Target, View
from tests.maturity.matrix_catalogue import catalogue_service

STEP = "Lag et e-skjema for søknad om plass"


def planned_step(municipality: Municipality) -> PlannedStep:
    """A step planned for the catalogue's service, made once per test."""
    service = catalogue_service(municipality)
    found = PlannedStep.objects.filter(service=service, description=STEP).first()
    return found or step_create(
        actor=None, service=service, level=1, description=STEP, needs_initiative=True
    )


def _service_pk(stavanger: Municipality) -> int:
    return catalogue_service(stavanger).pk


def _step_pk(stavanger: Municipality) -> int:
    return planned_step(stavanger).pk


def _step_form(stavanger: Municipality) -> dict[str, str]:
    return {
        "level": "2",
        "description": "Koble søknadene direkte til Public 360",
        "needs_initiative": "on",
        "due_date": "2026-06-30",
        "status": StepStatus.PLANNED,
    }


def _no_form(stavanger: Municipality) -> dict[str, str]:
    return {}


def _settings_form(stavanger: Municipality) -> dict[str, str]:
    return {"public_page": "on"}


ROLE_VIEWS = [
    View("maturity:overview", (Capability.VIEW_PORTFOLIO,)),
    View("maturity:plan", (Capability.VIEW_PORTFOLIO,)),
    # Asking for an export: GET shows the button, POST asks and lands on Mine filer.
    View("maturity:plan_xlsx", (Capability.VIEW_PORTFOLIO,), None, _no_form, "/filer/"),
    View("maturity:plan_pdf", (Capability.VIEW_PORTFOLIO,), None, _no_form, "/filer/"),
    View(
        "maturity:step_create",
        (Capability.MANAGE_SERVICES,),
        _service_pk,
        _step_form,
        "/tjenester/",
    ),
    View(
        "maturity:step_edit",
        (Capability.MANAGE_SERVICES,),
        _step_pk,
        _step_form,
        "/tjenester/",
    ),
    View(
        "maturity:step_delete",
        (Capability.MANAGE_SERVICES,),
        _step_pk,
        _no_form,
        "/tjenester/",
    ),
    View(
        "maturity:settings",
        (Capability.MANAGE_SERVICES,),
        None,
        _settings_form,
        "/tjenester/innstillinger/",
    ),
]


def _service_target(stavanger: Municipality) -> Target:
    service = catalogue_service(stavanger)
    return Target(service.pk, service.name, {**_step_form(stavanger), "description": "Bergen"})


def _step_target(stavanger: Municipality) -> Target:
    step = planned_step(stavanger)
    return Target(step.pk, STEP, {**_step_form(stavanger), "description": "Bergen var her"})


TENANCY_HTML = {
    "maturity:step_create": _service_target,
    "maturity:step_edit": _step_target,
    "maturity:step_delete": _step_target,
}
