"""Shared set-up for the tests of the maturity overview, the plan, its exports, the public page
and the maturity API: Stavanger's catalogue as the audit's table 2 gives it, initiatives to
carry steps, and planned steps."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from helhet.accounts.models import User
from helhet.maturity.imports import import_service_maturity
from helhet.maturity.models import Answer, PlannedStep, Service, ServiceArea, StepStatus
from helhet.maturity.services.assessments import assessment_record
from helhet.maturity.services.catalogue import service_area_create
from helhet.maturity.services.steps import step_create
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services import initiative_create

AUDIT_FILE = (
    Path(__file__).resolve().parents[2] / "helhet/demo/data/service-maturity-stavanger-2021.csv"
)
AUDIT_DATE = date(2021, 6, 30)
AREAS = ("Oppvekst og utdanning", "Helse og velferd", "Plan, bygg og geodata")


def areas(municipality: Municipality, names: tuple[str, ...] = AREAS) -> list[ServiceArea]:
    found = []
    for position, name in enumerate(names):
        area = ServiceArea.objects.filter(municipality=municipality, name=name).first()
        found.append(
            area
            or service_area_create(
                actor=None, municipality=municipality, name=name, position=position
            )
        )
    return found


def import_audit(municipality: Municipality) -> None:
    """The audit's table 2 imported as the municipality's assessments of 30 June 2021."""
    areas(municipality)
    import_service_maturity(
        municipality=municipality, data=AUDIT_FILE.read_bytes(), assessed_on=AUDIT_DATE
    )


def service(municipality: Municipality, name: str) -> Service:
    return Service.objects.get(municipality=municipality, name=name)


def assess(
    target: Service,
    on: date,
    application: str = Answer.NO,
    transfer: str = Answer.NO,
    answer: str = Answer.NO,
) -> None:
    assessment_record(
        actor=None,
        service=target,
        assessed_on=on,
        application=application,
        application_comment="",
        transfer=transfer,
        transfer_comment="",
        answer=answer,
        answer_comment="",
    )


def initiative(municipality: Municipality, name: str, **fields: Any) -> Initiative:
    return initiative_create(
        actor=None,
        municipality=municipality,
        name=name,
        kind=InitiativeKind.PROJECT,
        owning_unit=OrgUnit.objects.filter(municipality=municipality).order_by("pk").first(),  # type: ignore[arg-type]
        **fields,
    )


def step(
    target: Service, level: int, description: str = "Lag et e-skjema", **fields: Any
) -> PlannedStep:
    fields.setdefault("status", StepStatus.PLANNED)
    return step_create(actor=None, service=target, level=level, description=description, **fields)


def user(username: str) -> User:
    return User.objects.get(username=username)
