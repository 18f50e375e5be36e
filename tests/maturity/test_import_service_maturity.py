"""import_service_maturity: the audit's table read as people wrote it, and every bad file refused
with a message naming the row and column, with nothing written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from helhet.accounts.models import User
from helhet.maturity.imports import (
    ImportRefused,
    ImportResult,
    UnclassifiedAnswer,
    import_service_maturity,
    read_answer,
)
from helhet.maturity.models import Answer, Assessment, MaturityLevel, Service
from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.maturity.matrix_catalogue import catalogue_area, catalogue_service
from tests.portfolio.exchange_files import csv_file, problem, t

DATA = Path(__file__).resolve().parents[2] / "helhet/demo/data/service-maturity-stavanger-2021.csv"
ON = date(2021, 6, 30)
HEADER = [
    "service_area",
    "service",
    "electronic_application",
    "electronic_transfer",
    "electronic_answer",
]
AREAS = ("Oppvekst og utdanning", "Helse og velferd", "Plan, bygg og geodata")


@pytest.fixture
def areas(stavanger: Municipality) -> None:
    for name in AREAS:
        catalogue_area(stavanger, name)


def _import(
    stavanger: Municipality, data: bytes, actor: User | None = None, source: str = ""
) -> ImportResult:
    return import_service_maturity(
        municipality=stavanger, data=data, assessed_on=ON, actor=actor, source=source
    )


def _refused(stavanger: Municipality, data: bytes) -> list[str]:
    """The messages of a refused import, after checking that it wrote nothing."""
    before = database_state()
    with pytest.raises(ValidationError) as raised:
        _import(stavanger, data)
    assert database_state() == before
    return raised.value.messages


def _answers(name: str) -> tuple[str, str, str]:
    a = Assessment.objects.get(service__name=name)
    return (a.application, a.transfer, a.answer)


# --- The audit's table --------------------------------------------------------------------------


def test_the_audits_table_creates_the_24_services_in_their_areas(
    stavanger: Municipality, areas: None
) -> None:
    result = _import(stavanger, DATA.read_bytes())

    assert result.services_created == 24
    assert result.assessments == 24
    per_area = {
        name: Service.objects.filter(municipality=stavanger, area__name=name).count()
        for name in AREAS
    }
    assert per_area == {
        "Oppvekst og utdanning": 9,
        "Helse og velferd": 10,
        "Plan, bygg og geodata": 5,
    }


def test_the_audits_table_gives_the_issues_figures(stavanger: Municipality, areas: None) -> None:
    _import(stavanger, DATA.read_bytes())

    yes = Assessment.objects.filter(municipality=stavanger, assessed_on=ON)
    assert yes.count() == 24
    assert yes.filter(application=Answer.YES).count() == 11
    assert yes.filter(transfer=Answer.YES).count() == 2
    assert yes.filter(answer=Answer.YES).count() == 16


def test_an_answer_with_more_than_the_word_keeps_the_full_text_as_comment(
    stavanger: Municipality, areas: None
) -> None:
    _import(stavanger, DATA.read_bytes())

    byggesoknad = Assessment.objects.get(service__name="Byggesøknad")
    assert byggesoknad.application == Answer.YES
    assert byggesoknad.application_comment == "Ja - nasjonal løsning"
    assert Assessment.objects.get(service__name="Barnehageplass").application_comment == ""


def test_text_that_is_no_answer_is_kept_unclassified_and_reported(
    stavanger: Municipality, areas: None
) -> None:
    result = _import(stavanger, DATA.read_bytes())

    manual = Assessment.objects.get(service__name="Barnehage – søknad om redusert pris")
    assert manual.transfer == Answer.UNCLASSIFIED
    assert manual.transfer_comment == "Registreres manuelt."
    assert (
        UnclassifiedAnswer(
            3,
            "Barnehage – søknad om redusert pris",
            MaturityLevel.ELECTRONIC_TRANSFER,
            "Registreres manuelt.",
        )
        in result.unclassified
    )
    assert len(result.unclassified) == 9
    assert {item.level for item in result.unclassified} == {MaturityLevel.ELECTRONIC_TRANSFER}


def test_the_source_and_the_importer_are_recorded(stavanger: Municipality, areas: None) -> None:
    admin = User.objects.get(username="admin")
    _import(stavanger, DATA.read_bytes(), actor=admin, source="Forvaltningsrevisjon 2021")

    assessment = Assessment.objects.get(service__name="Hjemmehjelp")
    assert assessment.source == "Forvaltningsrevisjon 2021"
    assert assessment.recorded_by == admin
    assert assessment.history.get().history_user == admin
    assert Service.objects.get(name="Hjemmehjelp").history.get().history_user == admin


def test_an_existing_service_gets_the_assessment_whatever_the_case(
    stavanger: Municipality, areas: None
) -> None:
    existing = catalogue_service(stavanger, "BARNEHAGEPLASS")
    rows = [HEADER, ["Oppvekst og utdanning", "Barnehageplass", "Nei", "Nei", "Ja"]]

    result = _import(stavanger, csv_file(rows, delimiter=","))

    assert result.services_created == 0
    assert existing.assessments.get(assessed_on=ON).application == Answer.NO


def test_importing_the_same_date_again_updates_the_assessment(
    stavanger: Municipality, areas: None
) -> None:
    _import(stavanger, csv_file([HEADER, ["Helse og velferd", "Bostøtte", "Nei", "Nei", "Nei"]]))
    _import(stavanger, csv_file([HEADER, ["Helse og velferd", "Bostøtte", "Ja", "Nei", "Ja"]]))

    assessment = Assessment.objects.get(service__name="Bostøtte")
    assert (assessment.application, assessment.answer) == (Answer.YES, Answer.YES)
    assert assessment.history.count() == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ja", (Answer.YES, "")),
        ("ja.", (Answer.YES, "")),
        ("  NEI ", (Answer.NO, "")),
        ("Usikker", (Answer.UNSURE, "")),
        ("Delvis", (Answer.PARTLY, "")),
        ("Ja - ekstern løsning", (Answer.YES, "Ja - ekstern løsning")),
        ("Delvis, bare for nye søkere", (Answer.PARTLY, "Delvis, bare for nye søkere")),
        ("Kommer pr. post.", (Answer.UNCLASSIFIED, "Kommer pr. post.")),
        ("Neida", (Answer.UNCLASSIFIED, "Neida")),
    ],
)
def test_answers_are_read_by_their_first_word(text: str, expected: tuple[str, str]) -> None:
    assert read_answer(text) == expected


# --- Encodings and separators -------------------------------------------------------------------

ROWS = [
    HEADER,
    ["Plan, bygg og geodata", "Gravetillatelse", "Ja - ekstern løsning", "Usikker", "Ja"],
]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (",", "utf-8-sig"), (";", "utf-8-sig"), (";", "cp1252")],
    ids=["utf8", "utf8-bom", "semicolon-bom", "semicolon-windows-1252"],
)
def test_excels_ways_of_saving_csv_are_read_alike(
    stavanger: Municipality, areas: None, delimiter: str, encoding: str
) -> None:
    _import(stavanger, csv_file(ROWS, delimiter=delimiter, encoding=encoding))

    assessment = Assessment.objects.get(service__name="Gravetillatelse")
    assert assessment.service.area.name == "Plan, bygg og geodata"
    assert (assessment.application, assessment.transfer, assessment.answer) == (
        Answer.YES,
        Answer.UNSURE,
        Answer.YES,
    )
    assert assessment.application_comment == "Ja - ekstern løsning"


def test_a_windows_1252_file_keeps_its_norwegian_letters(
    stavanger: Municipality, areas: None
) -> None:
    rows = [HEADER, ["Helse og velferd", "Bolig til vanskeligstilte – søknad", "Nei", "Nei", "Nei"]]
    _import(stavanger, csv_file(rows, delimiter=";", encoding="cp1252"))

    assert Service.objects.filter(name="Bolig til vanskeligstilte – søknad").exists()


def test_a_file_in_another_encoding_is_refused_clearly(
    stavanger: Municipality, areas: None
) -> None:
    # Mac Roman: "ø" is byte 0xBF, which Windows-1252 reads as "¿".
    rows = [HEADER, ["Helse og velferd", "Bostøtte", "Nei", "Nei", "Nei"]]
    data = csv_file(rows, delimiter=";", encoding="mac_roman")

    assert _refused(stavanger, data) == [
        t(
            "The characters in the file could not be read. Save it as “CSV UTF-8” in Excel and "
            "import it again."
        )
    ]


def test_a_file_that_is_not_text_is_refused(stavanger: Municipality, areas: None) -> None:
    assert _refused(stavanger, b"\x81\x8d\x8f\x90\x9d binary") == [
        t(
            "The characters in the file could not be read. Save it as “CSV UTF-8” in Excel and "
            "import it again."
        )
    ]


# --- Bad files: every problem named, nothing written --------------------------------------------


def test_an_unknown_service_area_is_refused(stavanger: Municipality, areas: None) -> None:
    rows = [*ROWS, ["Kultur", "Kulturkort", "Ja", "Ja", "Ja"]]

    assert _refused(stavanger, csv_file(rows)) == [
        problem(
            3,
            "service_area",
            "There is no service area “%(name)s”. Create it under Service areas, or correct the "
            "name.",
            name="Kultur",
        )
    ]


def test_a_missing_column_is_refused(stavanger: Municipality, areas: None) -> None:
    rows = [
        [c for c in HEADER if c != "electronic_transfer"],
        ["Helse og velferd", "Bostøtte", "Nei", "Nei"],
    ]

    assert _refused(stavanger, csv_file(rows)) == [
        problem(
            1,
            "Elektronisk overføring",
            "The column is missing. The first row must name the columns %(columns)s.",
            columns="Tjenesteområde, Tjeneste, Elektronisk søknad, Elektronisk overføring, "
            "Elektronisk svar",
        )
    ]


def test_a_service_twice_in_the_file_is_refused(stavanger: Municipality, areas: None) -> None:
    rows = [*ROWS, ["Plan, bygg og geodata", "gravetillatelse", "Nei", "Nei", "Nei"]]

    assert _refused(stavanger, csv_file(rows)) == [
        problem(
            3,
            "service",
            "The service “%(name)s” is also in row %(row)s. Each service once.",
            name="gravetillatelse",
            row=2,
        )
    ]


def test_an_empty_answer_is_refused(stavanger: Municipality, areas: None) -> None:
    rows = [HEADER, ["Helse og velferd", "Bostøtte", "Nei", "", "Nei"]]

    assert _refused(stavanger, csv_file(rows)) == [
        problem(
            2,
            "electronic_transfer",
            "The answer is empty. Write Ja, Nei, Usikker or Delvis, or a comment.",
        )
    ]


def test_an_empty_service_name_is_refused(stavanger: Municipality, areas: None) -> None:
    rows = [HEADER, ["Helse og velferd", " ", "Nei", "Nei", "Nei"]]

    assert _refused(stavanger, csv_file(rows)) == [
        problem(2, "service", "The name of the service is empty.")
    ]


def test_every_problem_in_the_file_is_listed_at_once(stavanger: Municipality, areas: None) -> None:
    rows = [
        HEADER,
        ["Kultur", "Kulturkort", "Ja", "Ja", "Ja"],
        ["Helse og velferd", "Bostøtte", "", "Nei", "Nei"],
        ["Helse og velferd", "Omsorgslønn", "Nei", "Nei", "Nei"],
    ]

    messages = _refused(stavanger, csv_file(rows))

    assert [m.split(":")[0] for m in messages] == [
        problem(2, "service_area", "x").split(":")[0],
        problem(3, "electronic_application", "x").split(":")[0],
    ]


def test_one_bad_row_writes_nothing_of_the_good_ones(stavanger: Municipality, areas: None) -> None:
    data = DATA.read_bytes() + b"Kultur,Kulturkort,Ja,Ja,Ja\n"

    _refused(stavanger, data)

    assert not Service.objects.filter(municipality=stavanger).exists()


def test_a_date_in_the_future_is_refused(stavanger: Municipality, areas: None) -> None:
    before = database_state()
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(ImportRefused) as raised:
        import_service_maturity(municipality=stavanger, data=csv_file(ROWS), assessed_on=tomorrow)

    assert raised.value.messages == [t("The date of the assessment cannot be in the future.")]
    assert database_state() == before


def test_an_empty_file_is_refused(stavanger: Municipality, areas: None) -> None:
    assert _refused(stavanger, b"") == [t("The file is empty.")]


def test_a_header_without_services_is_refused(stavanger: Municipality, areas: None) -> None:
    assert _refused(stavanger, csv_file([HEADER])) == [
        t("The file has no services below the column names.")
    ]


def test_another_municipalitys_areas_are_unknown(
    stavanger: Municipality, bergen: Municipality, areas: None
) -> None:
    before = database_state()

    with pytest.raises(ImportRefused):
        import_service_maturity(municipality=bergen, data=csv_file(ROWS), assessed_on=ON)

    assert database_state() == before


def test_norwegian_column_names_are_accepted(stavanger: Municipality, areas: None) -> None:
    header = [
        "Tjenesteområde",
        "Tjeneste",
        "Elektronisk søknad",
        "Elektronisk overføring",
        "Elektronisk svar",
    ]
    _import(stavanger, csv_file([header, ["Helse og velferd", "Bostøtte", "Nei", "Nei", "Ja"]]))

    assert _answers("Bostøtte") == (Answer.NO, Answer.NO, Answer.YES)
