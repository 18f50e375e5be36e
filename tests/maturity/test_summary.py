"""maturity_summary and maturity_comparison: the figures the overview, the public page and the
API give, asserted against the audit's table 2 as imported."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from helhet.maturity.models import Answer, MaturityLevel
from helhet.maturity.selectors.comparison import maturity_comparison
from helhet.maturity.selectors.overview import (
    AreaSummary,
    MaturitySummary,
    assessment_dates,
    maturity_summary,
)
from helhet.organization.models import Municipality
from tests.maturity.plan_helpers import AUDIT_DATE, areas, assess, import_audit, service

TODAY = date(2025, 1, 15)


def _area(summary: MaturitySummary, name: str) -> AreaSummary:
    return next(area for area in summary.areas if area.area.name == name)


def test_stavanger_audit_gives_the_tables_totals(stavanger: Municipality) -> None:
    import_audit(stavanger)

    total = maturity_summary(stavanger, TODAY).total

    assert total.as_dict() == {
        "services": 24,
        "electronic_application": 11,
        "electronic_transfer": 2,
        "electronic_answer": 16,
        "full_digital_first_choice": 2,
    }


def test_stavanger_audit_full_digital_first_choice_is_barnehageplass_and_sfo(
    stavanger: Municipality,
) -> None:
    import_audit(stavanger)

    summary = maturity_summary(stavanger, TODAY)

    assert [row.service.name for row in summary.full_digital_first_choice] == [
        "Barnehageplass",
        "Skolefritidsordning",
    ]


def test_stavanger_audit_figures_per_service_area(stavanger: Municipality) -> None:
    import_audit(stavanger)

    summary = maturity_summary(stavanger, TODAY)

    assert {area.area.name: area.counts.as_dict() for area in summary.areas} == {
        "Oppvekst og utdanning": {
            "services": 9,
            "electronic_application": 8,
            "electronic_transfer": 2,
            "electronic_answer": 9,
            "full_digital_first_choice": 2,
        },
        "Helse og velferd": {
            "services": 10,
            "electronic_application": 1,
            "electronic_transfer": 0,
            "electronic_answer": 2,
            "full_digital_first_choice": 0,
        },
        "Plan, bygg og geodata": {
            "services": 5,
            "electronic_application": 2,
            "electronic_transfer": 0,
            "electronic_answer": 5,
            "full_digital_first_choice": 0,
        },
    }


def test_where_the_stavanger_services_stop(stavanger: Municipality) -> None:
    import_audit(stavanger)

    total = maturity_summary(stavanger, TODAY).total

    assert total.stops_at == {
        MaturityLevel.ELECTRONIC_APPLICATION: 13,
        MaturityLevel.ELECTRONIC_TRANSFER: 9,
        MaturityLevel.ELECTRONIC_ANSWER: 0,
    }


def test_an_answer_the_import_could_not_classify_stops_the_service(
    stavanger: Municipality,
) -> None:
    import_audit(stavanger)

    rows = {row.service.name: row for row in maturity_summary(stavanger, TODAY).services}

    assert rows["Barnehage – søknad om redusert pris"].stops_at == MaturityLevel.ELECTRONIC_TRANSFER
    assert rows["Byggesøknad"].stops_at == MaturityLevel.ELECTRONIC_TRANSFER
    assert rows["Hjemmehjelp"].stops_at == MaturityLevel.ELECTRONIC_APPLICATION


def test_before_the_first_assessment_every_service_is_not_assessed(
    stavanger: Municipality,
) -> None:
    import_audit(stavanger)

    total = maturity_summary(stavanger, date(2021, 6, 29)).total

    assert (total.services, total.not_assessed, total.electronic_answer) == (24, 24, 0)


def test_a_newer_assessment_counts_from_its_date(stavanger: Municipality) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Byggesøknad"), date(2023, 3, 1), Answer.YES, Answer.YES, Answer.YES)

    assert maturity_summary(stavanger, date(2023, 2, 28)).total.electronic_transfer == 2
    assert maturity_summary(stavanger, date(2023, 3, 1)).total.electronic_transfer == 3
    assert maturity_summary(stavanger, date(2023, 3, 1)).total.full_digital_first_choice == 3


def test_a_service_never_assessed_counts_as_a_service_that_reaches_no_level(
    stavanger: Municipality,
) -> None:
    from helhet.maturity.services.catalogue import service_create

    (area,) = areas(stavanger, ("Kultur",))
    service_create(actor=None, municipality=stavanger, name="Lån av Sølvberget", area=area)

    counts = _area(maturity_summary(stavanger, TODAY), "Kultur").counts

    assert (counts.services, counts.not_assessed, counts.electronic_application) == (1, 1, 0)


def test_another_municipalitys_services_are_not_counted(
    stavanger: Municipality, bergen: Municipality
) -> None:
    import_audit(stavanger)

    summary = maturity_summary(bergen, TODAY)

    assert (summary.areas, summary.total.services) == ([], 0)


def test_summary_takes_the_same_queries_for_few_and_many_services(
    stavanger: Municipality,
) -> None:
    from helhet.maturity.services.catalogue import service_create

    (area,) = areas(stavanger, ("Kultur",))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            maturity_summary(stavanger, TODAY)
        return len(captured.captured_queries)

    first = service_create(actor=None, municipality=stavanger, name="Tjeneste 0", area=area)
    assess(first, date(2022, 1, 1))
    few = queries()
    for index in range(1, 60):
        more = service_create(
            actor=None, municipality=stavanger, name=f"Tjeneste {index}", area=area
        )
        assess(more, date(2022, 1, 1), Answer.YES)
        assess(more, date(2023, 1, 1), Answer.YES, Answer.YES)

    assert queries() == few


def test_comparison_gives_the_change_per_level(stavanger: Municipality) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Byggesøknad"), date(2023, 3, 1), Answer.YES, Answer.YES, Answer.YES)
    assess(service(stavanger, "Hjemmehjelp"), date(2023, 3, 1), Answer.YES, Answer.NO, Answer.NO)

    comparison = maturity_comparison(stavanger, AUDIT_DATE, date(2023, 3, 1))

    assert {row.key: (row.first, row.second, row.change) for row in comparison.totals} == {
        "services": (24, 24, 0),
        "electronic_application": (11, 12, 1),
        "electronic_transfer": (2, 3, 1),
        "electronic_answer": (16, 16, 0),
        "full_digital_first_choice": (2, 3, 1),
    }


def test_comparison_names_the_services_whose_answers_changed(stavanger: Municipality) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Hjemmehjelp"), date(2023, 3, 1), Answer.YES, Answer.NO, Answer.NO)

    comparison = maturity_comparison(stavanger, AUDIT_DATE, date(2023, 3, 1))

    assert [
        (change.service.name, [level for level, *_ in change.levels])
        for change in comparison.services
    ] == [("Hjemmehjelp", [MaturityLevel.ELECTRONIC_APPLICATION])]


def test_assessment_dates_are_the_dates_that_exist_newest_first(stavanger: Municipality) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Hjemmehjelp"), date(2023, 3, 1))

    assert assessment_dates(stavanger) == [date(2023, 3, 1), AUDIT_DATE]
