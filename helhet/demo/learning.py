"""Stavanger's demo of learning across departments (issue 14, items 7, 8 and 10), through the
services as a person would:

- one probable overlap between two departments: E-helse og velferdsteknologi and Smartby each
  register an initiative for sensors in sheltered housing (example initiatives, not in the
  audit; the audit names sensors in welfare technology among the technologies that make the
  municipality's work more efficient, and the use of fall sensors grew 239 % in 2021). The
  portfolio office finds the pair at /laering/overlapp/;
- a request from E-helse og velferdsteknologi to Innovasjon og digitalisering for competence in
  project method and implementation: the audit's interviewees in E-helse ask for it, and
  Innovasjon og digitalisering "skal ha god kompetanse på" it (line 3272-3274). It waits;
- a request from Hundvåg hjemmebaserte tjenester to E-helse og velferdsteknologi to go through
  the user lists for medicine dispensers (the audit: the department offers to go through user
  lists when use falls), accepted with a plan (an example)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from helhet.accounts.models import User
from helhet.learning.models import HelpKind, HelpRequest
from helhet.learning.services.help import help_request_answer, help_request_ask
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create

EXAMPLE = "Eksempeltiltak i demoen."


def _unit(municipality: Municipality, name: str) -> OrgUnit:
    return OrgUnit.objects.get(municipality=municipality, name=name)


def _person(username: str) -> User:
    return User.objects.get(username=username)


def build_learning_demo(stavanger: Municipality) -> None:
    """The overlap pair and the two help requests (a handful of rows)."""
    initiative_create(
        actor=_person("prosjektleder"),
        municipality=stavanger,
        name="Sensorer i omsorgsboliger",
        # Two ideas of the same work in two departments: the overlap is caught before either
        # becomes a project (and the lively portfolio's projects all have their figures).
        kind=InitiativeKind.IDEA,
        owning_unit=_unit(stavanger, "E-helse og velferdsteknologi"),
        short_description=(
            "Fallsensorer og dørsensorer i omsorgsboliger varsler hjemmetjenesten når en "
            f"beboer faller eller går ut om natten. {EXAMPLE}"
        ),
        need="Tryggere beboere og færre unødvendige tilsynsbesøk om natten.",
        tags=["velferdsteknologi", "sensorer"],
    )
    initiative_create(
        actor=None,
        municipality=stavanger,
        name="Trygghetssensorer i kommunale boliger",
        kind=InitiativeKind.IDEA,
        owning_unit=_unit(stavanger, "Smartby"),
        short_description=(
            "Sensorer i kommunale omsorgsboliger som varsler ved fall og når døren åpnes om "
            f"natten, koblet til byens sensorplattform. {EXAMPLE}"
        ),
        tags=["sensorer"],
    )
    competence = help_request_ask(
        actor=_person("prosjektleder"),
        municipality=stavanger,
        from_unit=_unit(stavanger, "E-helse og velferdsteknologi"),
        to_unit=_unit(stavanger, "Innovasjon og digitalisering"),
        kind=HelpKind.METHOD,
        title="Kompetanse i prosjektmetodikk og implementering",
        description=(
            "Vi ønsker mer kompetanse om prosjektmetodikk og implementering, slik at nye "
            "velferdsteknologiske løsninger blir tatt i bruk i alle virksomhetene. "
            "(Revisjonen: E-helse og velferdsteknologi forespør dette, og Innovasjon og "
            "digitalisering skal ha god kompetanse på det.)"
        ),
    )
    # Asked three weeks ago and still waiting: the help overview shows how long.
    HelpRequest.objects.filter(pk=competence.pk).update(
        asked_at=timezone.now() - timedelta(days=21)
    )
    lists = help_request_ask(
        actor=_person("gevinsteier"),
        municipality=stavanger,
        from_unit=_unit(stavanger, "Hundvåg hjemmebaserte tjenester"),
        to_unit=_unit(stavanger, "E-helse og velferdsteknologi"),
        kind=HelpKind.IMPLEMENTATION,
        title="Gjennomgang av brukerlister for medisindispensere",
        description=(
            "Bruken av medisindispensere har falt siden oppfølgingen stoppet. Vi ber om hjelp "
            "til å gå gjennom brukerlistene og finne brukere som bør få dispenser."
        ),
    )
    help_request_answer(
        actor=_person("prosjektleder"),
        request=lists,
        accept=True,
        answer=(
            "Vi går gjennom brukerlistene sammen med dere og ber leverandøren om et kurs for "
            "nye ansatte. (Eksempel på en plan.)"
        ),
        planned_for=timezone.localdate() + timedelta(days=14),
    )
