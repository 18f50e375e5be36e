"""Stavanger's service catalogue for the demo: the three service areas of the audit's table 2, the
table itself imported as the assessments of 30 June 2021 (from the copy shipped with the app), and
the facts the audit gives about where the applications land. Built through the services and the
import, as the portfolio office would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helhet.accounts.models import User
from helhet.maturity.imports import import_service_maturity
from helhet.maturity.models import MaturityLevel, Service
from helhet.maturity.services.catalogue import service_area_create, service_update
from helhet.maturity.services.settings import maturity_settings_update
from helhet.maturity.services.steps import step_create
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative

DATA_FILE = Path(__file__).parent / "data" / "service-maturity-stavanger-2021.csv"
ASSESSED_ON = date(2021, 6, 30)
SOURCE = "Forvaltningsrevisjon Stavanger kommune 2021, tabell 2"

# Service area -> the unit of the organisation that answers for it.
AREAS = (
    ("Oppvekst og utdanning", "Oppvekst og utdanning"),
    ("Helse og velferd", "Helse og velferd"),
    ("Plan, bygg og geodata", "By- og samfunnsplanlegging"),
)

# The responsible department, where the organisation has it; the case system where the audit's
# answers name it (the electronic form goes into P360).
RESPONSIBLE = {
    "Barnehageplass": "Barnehage",
    "Barnehage – søknad om redusert pris": "Barnehage",
    "Skolefritidsordning": "Skole",
    "SFO – søknad om redusert pris": "Skole",
    "Permisjon fra undervisning": "Skole",
    "Byggesøknad": "Plan, bygg og geodata",
    "Deling/sammenslåing av grunneiendom": "Plan, bygg og geodata",
}
CASE_SYSTEM = {
    "Permisjon fra undervisning": "Public 360",
    "Søknad om å bli besøkshjem": "Public 360",
    "Skjenkebevilling": "Public 360",
    "Byggesøknad": "Public 360",
}


def build_maturity_demo(stavanger: Municipality) -> None:
    """The catalogue of the audit's 24 services, assessed as the audit found them."""
    units = {unit.name: unit for unit in OrgUnit.objects.filter(municipality=stavanger)}
    for position, (name, unit) in enumerate(AREAS, start=1):
        service_area_create(
            actor=None,
            municipality=stavanger,
            name=name,
            org_unit=units.get(unit),
            position=position,
        )
    import_service_maturity(
        municipality=stavanger,
        data=DATA_FILE.read_bytes(),
        assessed_on=ASSESSED_ON,
        source=SOURCE,
    )
    for service in Service.objects.filter(
        municipality=stavanger, name__in=[*RESPONSIBLE, *CASE_SYSTEM]
    ):
        service_update(
            actor=None,
            service=service,
            name=service.name,
            area=service.area,
            responsible_unit=units.get(RESPONSIBLE.get(service.name, "")),
            case_system=CASE_SYSTEM.get(service.name, ""),
        )
    _plan_steps(stavanger)
    # The audit's table is public already; the demo shows the page anyone may open.
    maturity_settings_update(actor=None, municipality=stavanger, public_page=True)


def _plan_steps(stavanger: Municipality) -> None:
    """A start on the plan, as the portfolio office might make it (demo examples, not from the
    audit): a gap carried by an initiative in the portfolio, and gaps that need one."""
    services = {service.name: service for service in Service.objects.filter(municipality=stavanger)}
    rpa = Initiative.objects.filter(municipality=stavanger, name="RPA").first()
    portfolio_office = User.objects.filter(username="portefolje").first()
    step_create(
        actor=portfolio_office,
        service=services["Barnehage – søknad om redusert pris"],
        level=MaturityLevel.ELECTRONIC_TRANSFER,
        description="Søknadene registreres manuelt; en robot overfører dem til fagsystemet "
        "(demoeksempel).",
        initiative=rpa,
        needs_initiative=rpa is None,
        responsible=portfolio_office,
        due_date=date(2027, 6, 30),
    )
    step_create(
        actor=portfolio_office,
        service=services["Hjemmehjelp"],
        level=MaturityLevel.ELECTRONIC_APPLICATION,
        description="Elektronisk søknad om helse- og omsorgstjenester (demoeksempel).",
        needs_initiative=True,
        responsible=portfolio_office,
    )
