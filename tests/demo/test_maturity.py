"""The demo data: Stavanger's catalogue is the audit's table 2, imported from the copy shipped
with the app, and gives the figures the issue names."""

from __future__ import annotations

from datetime import date

from helhet.demo.maturity import build_maturity_demo
from helhet.maturity.models import Answer, Assessment, Service, ServiceArea
from helhet.organization.models import Municipality


def test_the_demo_gives_the_audits_figures(stavanger: Municipality) -> None:
    build_maturity_demo(stavanger)

    assessments = Assessment.objects.filter(municipality=stavanger, assessed_on=date(2021, 6, 30))
    assert assessments.count() == 24
    assert assessments.filter(application=Answer.YES).count() == 11
    assert assessments.filter(transfer=Answer.YES).count() == 2
    assert assessments.filter(answer=Answer.YES).count() == 16


def test_the_demo_service_areas_are_tied_to_the_organisation(stavanger: Municipality) -> None:
    build_maturity_demo(stavanger)

    assert [
        (a.name, a.org_unit.name if a.org_unit else None)
        for a in ServiceArea.objects.filter(municipality=stavanger)
    ] == [
        ("Oppvekst og utdanning", "Oppvekst og utdanning"),
        ("Helse og velferd", "Helse og velferd"),
        ("Plan, bygg og geodata", "By- og samfunnsplanlegging"),
    ]


def test_the_demo_names_the_audit_as_source(stavanger: Municipality) -> None:
    build_maturity_demo(stavanger)

    assert set(Assessment.objects.values_list("source", flat=True)) == {
        "Forvaltningsrevisjon Stavanger kommune 2021, tabell 2"
    }
    assert Service.objects.get(name="Byggesøknad").case_system == "Public 360"
