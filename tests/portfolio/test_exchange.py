"""helhet/portfolio/exchange/: reading a spreadsheet, checking its rows, creating them all or
none, and the values the export writes."""

import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from helhet.portfolio.models import (
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StrategicGoal,
    Tag,
)
from helhet.portfolio.services import goal_create, initiative_update
from tests.conftest import unit_named
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.exchange_files import (
    HEADERS,
    csv_file,
    portfolio_state,
    problem,
    t,
    xlsx_file,
)


def _check(municipality: Municipality, name: str, data: bytes) -> exchange.ImportPreview:
    return exchange.check_import(municipality=municipality, table=exchange.read_table(name, data))


def _problems(municipality: Municipality, rows: list[Any]) -> list[str]:
    preview = _check(municipality, "tiltak.xlsx", xlsx_file(rows))
    return [str(p) for p in preview.problems]


def _refused(name: str, data: bytes) -> str:
    with pytest.raises(exchange.FileRefused) as refused:
        exchange.read_table(name, data)
    return refused.value.message


# The template


def test_the_template_has_the_columns_in_norwegian_and_a_sheet_explaining_them() -> None:
    out = io.BytesIO()
    exchange.template_workbook(out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))

    headers = [cell.value for cell in workbook.worksheets[0][1]]
    assert headers[:3] == ["Navn", "Type", "Eierenhet"]
    assert {"Planlagt start", "Estimert kostnad", "Prosjektleder", "ROS-status"} <= set(headers)
    guide = [row for row in workbook.worksheets[1].iter_rows(values_only=True) if row[0]]
    explained = {row[0]: row for row in guide}
    assert set(headers) <= set(explained)
    assert "idé" in explained["Type"][3]
    assert "stoppet" in explained["Status"][3]


def test_the_empty_template_reads_back_with_every_column_and_no_rows(
    stavanger: Municipality,
) -> None:
    out = io.BytesIO()
    exchange.template_workbook(out)
    table = exchange.read_table("mal.xlsx", out.getvalue())
    preview = exchange.check_import(municipality=stavanger, table=table)

    assert table.headers == [column.header for column in exchange.COLUMNS]
    assert [str(p) for p in preview.problems] == [
        t("The file has no initiatives below the column names.")
    ]


# Values


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-31", date(2024, 3, 31)),
        ("31.03.2024", date(2024, 3, 31)),
        ("1.3.2024", date(2024, 3, 1)),
        (datetime(2024, 3, 31), date(2024, 3, 31)),
        (date(2024, 3, 31), date(2024, 3, 31)),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_as_written_in_norway_in_iso_or_as_excel_dates(
    raw: Any, expected: date | None
) -> None:
    assert exchange.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31.02.2024", "2024-02-30", "32.01.2024"])
def test_a_date_that_does_not_exist_is_an_error(raw: str) -> None:
    with pytest.raises(Exception, match=raw):
        exchange.parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 234 567,50", Decimal("1234567.50")),
        ("1\xa0234\xa0567,50", Decimal("1234567.50")),
        ("1234567.50", Decimal("1234567.50")),
        ("1.234.567,50", Decimal("1234567.50")),
        ("1,234,567.50", Decimal("1234567.50")),
        ("300 000 kr", Decimal("300000.00")),
        ("kr 1 000,-", Decimal("1000.00")),
        (1613764, Decimal("1613764.00")),
        (8452.5, Decimal("8452.50")),
        ("", None),
    ],
)
def test_amounts_are_read_in_norwegian_and_english_notation_and_as_excel_numbers(
    raw: Any, expected: Decimal | None
) -> None:
    assert exchange.parse_money(raw) == expected


def test_text_in_a_cost_column_is_an_error(stavanger: Municipality) -> None:
    rows = [
        [*HEADERS, "Estimert kostnad"],
        ["RPA", "prosjekt", "IT-avdelingen", "ca. 2 millioner"],
    ]
    assert _problems(stavanger, rows) == [
        problem(
            2,
            "Estimert kostnad",
            "“%(value)s” is not an amount. Write it as 1 234 567,50 or 1234567.50.",
            value="ca. 2 millioner",
        )
    ]


def test_a_negative_cost_is_an_error(stavanger: Municipality) -> None:
    rows = [[*HEADERS, "Faktisk kostnad"], ["RPA", "prosjekt", "IT-avdelingen", -5000]]
    assert _problems(stavanger, rows) == [
        problem(2, "Faktisk kostnad", "The amount cannot be negative.")
    ]


def test_kind_status_and_ros_accept_norwegian_labels_and_internal_values_in_any_case(
    stavanger: Municipality,
) -> None:
    rows = [
        [*HEADERS, "Status", "ROS-status", "Grunn til stopp"],
        ["A", "Prosjekt", "IT-avdelingen", "AKTIV", "Ikke nødvendig", ""],
        ["B", "PROGRAMME", "IT-avdelingen", "stopped", "done", "Ingen behov lenger"],
        ["C", "idé", "IT-avdelingen", "", "", ""],
    ]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))

    assert preview.problems == []
    assert [(r.kind, r.fields.get("status"), r.fields["ros_status"]) for r in preview.rows] == [
        (InitiativeKind.PROJECT, InitiativeStatus.ACTIVE, "not_needed"),
        (InitiativeKind.PROGRAMME, InitiativeStatus.STOPPED, "done"),
        (InitiativeKind.IDEA, None, ""),
    ]


def test_an_unknown_kind_and_status_name_the_allowed_values(stavanger: Municipality) -> None:
    rows = [[*HEADERS, "Status"], ["RPA", "satsing", "IT-avdelingen", "halvferdig"]]
    assert _problems(stavanger, rows) == [
        problem(
            2,
            "Type",
            "“%(value)s” is not a kind. Use one of: %(allowed)s.",
            value="satsing",
            allowed="idé, prosjekt, program, aktivitet",
        ),
        problem(
            2,
            "Status",
            "“%(value)s” is not a status. Use one of: %(allowed)s.",
            value="halvferdig",
            allowed="aktiv, pause, fullført, stoppet",
        ),
    ]


# Problems a file can have


def test_a_missing_required_column_is_a_problem_with_the_file(stavanger: Municipality) -> None:
    rows = [["Navn", "Type"], ["RPA", "prosjekt"]]
    assert _problems(stavanger, rows) == [
        t(
            "The column “%(column)s” is missing. Use the template's column names in the first row.",
            column="Eierenhet",
        )
    ]


def test_unknown_unit_person_and_goal_are_named_by_row_and_column(
    stavanger: Municipality,
) -> None:
    rows = [
        [*HEADERS, "Prosjektleder", "Deltakende enheter", "Strategiske mål"],
        ["RPA", "prosjekt", "IT-avdelinga", "ukjent", "Smartby; Havnevesen", "Verdensfred"],
    ]
    assert _problems(stavanger, rows) == [
        problem(
            2,
            "Eierenhet",
            "No unit named “%(name)s” in the municipality.",
            name="IT-avdelinga",
        ),
        problem(
            2,
            "Prosjektleder",
            "No person with the username “%(name)s” in the municipality.",
            name="ukjent",
        ),
        problem(
            2,
            "Deltakende enheter",
            "No unit named “%(name)s” in the municipality.",
            name="Havnevesen",
        ),
        problem(
            2,
            "Strategiske mål",
            "No strategic goal named “%(name)s” in the municipality.",
            name="Verdensfred",
        ),
    ]


def test_another_municipalitys_unit_and_people_are_unknown(stavanger: Municipality) -> None:
    rows = [
        [*HEADERS, "Prosjekteier"],
        ["RPA", "prosjekt", "Digitaliseringsavdelingen", "bergen-admin"],
    ]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Eierenhet"), (2, "Prosjekteier")]


def test_a_stopped_initiative_needs_a_reason(stavanger: Municipality) -> None:
    rows = [[*HEADERS, "Status"], ["Mitt Stavanger", "prosjekt", "Smartby", "stoppet"]]
    assert _problems(stavanger, rows) == [
        problem(2, "Grunn til stopp", "Say why the initiative was stopped.")
    ]


def test_an_end_before_the_start_is_an_error(stavanger: Municipality) -> None:
    rows = [
        [*HEADERS, "Planlagt start", "Planlagt slutt", "Faktisk start", "Faktisk slutt"],
        ["Kvikktest Lervig", "prosjekt", "Smartby", "01.12.2020", "01.06.2020", "", ""],
        ["Spider", "prosjekt", "Smartby", "", "", "2019-09-01", "2017-05-01"],
    ]
    assert _problems(stavanger, rows) == [
        problem(2, "Planlagt slutt", "The planned end cannot be before the planned start."),
        problem(3, "Faktisk slutt", "The actual end cannot be before the actual start."),
    ]


def test_a_name_twice_in_the_file_names_the_row_it_was_first_used_in(
    stavanger: Municipality,
) -> None:
    rows = [
        HEADERS,
        ["RPA", "prosjekt", "IT-avdelingen"],
        ["Datasjø", "prosjekt", "IT-avdelingen"],
        ["rpa", "aktivitet", "Smartby"],
    ]
    assert _problems(stavanger, rows) == [
        problem(4, "Navn", "The name is also used in row %(row)s.", row=2)
    ]


def test_a_name_the_municipality_already_has_is_an_error(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative("Datasjø")
    rows = [HEADERS, ["DATASJØ", "prosjekt", "IT-avdelingen"]]
    assert _problems(stavanger, rows) == [
        problem(2, "Navn", "There is already an initiative with this name.")
    ]


def test_another_municipalitys_names_are_free(
    bergen: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative("Datasjø")
    rows = [HEADERS, ["Datasjø", "prosjekt", "Digitaliseringsavdelingen"]]
    assert _problems(bergen, rows) == []


def test_an_empty_required_value_is_an_error(stavanger: Municipality) -> None:
    rows = [
        [*HEADERS, "Kort beskrivelse"],
        ["", "prosjekt", "Smartby", "Sensorer i sluk"],
        ["Droner", "", "Smartby"],
    ]
    assert _problems(stavanger, rows) == [
        problem(2, "Navn", "The value is required."),
        problem(3, "Type", "The value is required."),
    ]


def test_rows_are_numbered_as_in_the_spreadsheet_skipping_nothing(
    stavanger: Municipality,
) -> None:
    rows = [
        HEADERS,
        ["RPA", "prosjekt", "IT-avdelingen"],
        [None, None, None],
        ["X", "?", "Smartby"],
    ]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))
    assert [(p.row, p.column) for p in preview.problems] == [(4, "Type")]


def test_more_than_20000_rows_is_refused_as_a_whole(stavanger: Municipality) -> None:
    rows = [HEADERS] + [[f"Tiltak {i}", "idé", "Smartby"] for i in range(20_001)]
    preview = _check(stavanger, "tiltak.csv", csv_file(rows))

    assert preview.rows == []
    assert [str(p) for p in preview.problems] == [
        t(
            "The file has more than %(limit)s rows. Split it into smaller files.",
            limit="20\xa0000",
        )
    ]


def test_20000_rows_are_within_the_limit(stavanger: Municipality) -> None:
    rows = [HEADERS] + [[f"Tiltak {i}", "idé", "Smartby"] for i in range(20_000)]
    assert len(_check(stavanger, "tiltak.csv", csv_file(rows)).rows) == 20_000


def test_a_column_not_in_the_template_is_mentioned_but_not_a_problem(
    stavanger: Municipality,
) -> None:
    rows = [
        [*HEADERS, "Kommentar", "Siste vurdering"],
        ["RPA", "prosjekt", "IT-avdelingen", "x", "grønn"],
    ]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))

    assert preview.ok
    assert preview.notices == [
        t("The column “%(column)s” is not in the template and is not read.", column="Kommentar")
    ]


def test_internal_column_names_are_accepted(stavanger: Municipality) -> None:
    rows = [["name", "KIND", "owning_unit"], ["RPA", "project", "IT-avdelingen"]]
    assert _check(stavanger, "tiltak.xlsx", xlsx_file(rows)).ok


# File formats


def test_a_windows_1252_csv_from_norwegian_excel_keeps_æøå(stavanger: Municipality) -> None:
    rows = [
        HEADERS,
        ["Velferdsteknologi på Hundvåg", "prosjekt", "Hundvåg hjemmebaserte tjenester"],
    ]
    preview = _check(stavanger, "tiltak.csv", csv_file(rows, encoding="cp1252"))

    assert preview.problems == []
    assert preview.rows[0].name == "Velferdsteknologi på Hundvåg"
    assert preview.rows[0].owning_unit.name == "Hundvåg hjemmebaserte tjenester"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_a_utf_csv_with_or_without_byte_order_mark_is_read(
    stavanger: Municipality, encoding: str
) -> None:
    rows = [HEADERS, ["Kvikktest Øyriket", "prosjekt", "Smartby"]]
    assert _check(stavanger, "tiltak.csv", csv_file(rows, encoding=encoding)).rows[0].name == (
        "Kvikktest Øyriket"
    )


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_csv_separator_is_found(stavanger: Municipality, delimiter: str) -> None:
    rows = [[*HEADERS, "Estimert kostnad"], ["Spider", "prosjekt", "Smartby", "1 234,50"]]
    preview = _check(stavanger, "tiltak.csv", csv_file(rows, delimiter=delimiter))
    assert preview.rows[0].fields["estimated_cost"] == Decimal("1234.50")


def test_a_csv_that_is_neither_utf8_nor_windows_1252_is_refused() -> None:
    # 0x81 is undefined in Windows-1252 and cannot start a UTF-8 character.
    assert _refused("tiltak.csv", b"Navn;Type;Eierenhet\r\nR\x81PA;prosjekt;Smartby\r\n") == t(
        "The characters in the CSV file could not be read. Save it as “CSV UTF-8” in Excel and "
        "upload it again."
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tiltak.xlsx", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"),
        ("tiltak.csv", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"),
        ("tiltak.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"),
        ("tiltak.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"),
    ],
)
def test_a_renamed_pdf_or_png_is_not_a_spreadsheet(name: str, data: bytes) -> None:
    assert _refused(name, data) == t(
        "The file is not a spreadsheet. Upload an .xlsx file from Excel or a .csv file."
    )


def test_a_zip_that_is_not_a_workbook_is_not_a_spreadsheet() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert _refused("tiltak.xlsx", out.getvalue()) == t(
        "The file is not a spreadsheet. Upload an .xlsx file from Excel or a .csv file."
    )


@pytest.mark.parametrize("name", ["tiltak.xls", "tiltak.txt", "tiltak.pdf", "tiltak"])
def test_only_xlsx_and_csv_names_are_accepted(name: str) -> None:
    assert "xlsx" in _refused(name, b"Navn;Type;Eierenhet\r\n")


def test_an_xlsx_with_real_dates_and_numbers_is_read(stavanger: Municipality) -> None:
    rows = [
        [*HEADERS, "Planlagt start", "Estimert kostnad", "Behandler personopplysninger"],
        ["Kvikktest Lervig", "prosjekt", "Smartby", datetime(2020, 6, 1), 1_500_000, True],
    ]
    fields = _check(stavanger, "tiltak.xlsx", xlsx_file(rows)).rows[0].fields

    assert fields["planned_start"] == date(2020, 6, 1)
    assert fields["estimated_cost"] == Decimal("1500000.00")
    assert fields["processes_personal_data"] is True


def test_the_sheet_named_tiltak_is_read_whichever_sheet_comes_first(
    stavanger: Municipality,
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Forside"
    workbook.active.append(["Dette er en forside"])
    workbook.create_sheet("Tiltak").append(HEADERS)
    workbook["Tiltak"].append(["RPA", "prosjekt", "IT-avdelingen"])
    out = io.BytesIO()
    workbook.save(out)
    assert _check(stavanger, "tiltak.xlsx", out.getvalue()).rows[0].name == "RPA"


# Writing


def _goal(municipality: Municipality, name: str) -> StrategicGoal:
    return goal_create(
        actor=None, municipality=municipality, name=name, level="municipal", kind="goal"
    )


def test_the_rows_are_created_with_everything_and_the_importer_in_their_history(
    stavanger: Municipality,
) -> None:
    _goal(stavanger, "Digitalt førstevalg")
    portefolje = User.objects.get(username="portefolje")
    rows = [
        [
            *HEADERS,
            "Kort beskrivelse",
            "Planlagt start",
            "Estimert kostnad",
            "Prosjektleder",
            "Deltakende enheter",
            "Strategiske mål",
            "Stikkord",
            "Behandler personopplysninger",
            "ROS-status",
            "ROS-dato",
        ],
        [
            "Spider",
            "prosjekt",
            "E-helse og velferdsteknologi",
            "Ruteoptimalisering for hjemmesykepleien.",
            "01.05.2017",
            "1 200 000",
            "prosjektleder",
            "Hundvåg hjemmebaserte tjenester; Storhaug hjemmebaserte tjenester",
            "Digitalt førstevalg",
            "velferdsteknologi; hjemmetjenester",
            "Ja",
            "ferdig",
            "2017-03-01",
        ],
    ]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))
    exchange.import_rows(actor=portefolje, municipality=stavanger, rows=preview.rows)

    spider = Initiative.objects.get(municipality=stavanger, name="Spider")
    assert spider.owning_unit == unit_named(stavanger, "E-helse og velferdsteknologi")
    assert spider.project_leader == User.objects.get(username="prosjektleder")
    assert spider.estimated_cost == Decimal("1200000.00")
    assert spider.planned_start == date(2017, 5, 1)
    assert (spider.processes_personal_data, spider.ros_status) == (True, "done")
    assert sorted(u.name for u in spider.participating_units.all()) == [
        "Hundvåg hjemmebaserte tjenester",
        "Storhaug hjemmebaserte tjenester",
    ]
    assert [g.name for g in spider.goals.all()] == ["Digitalt førstevalg"]
    assert sorted(tag.name for tag in spider.tags.all()) == ["hjemmetjenester", "velferdsteknologi"]
    assert {entry.history_user for entry in spider.history.all()} == {portefolje}


def test_an_imported_initiative_has_one_history_record_holding_its_relations(
    stavanger: Municipality,
) -> None:
    portefolje = User.objects.get(username="portefolje")
    rows = [
        [*HEADERS, "Deltakende enheter", "Stikkord"],
        ["Spider", "prosjekt", "Smartby", "Kultur; Skole", "ruter"],
    ]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))
    (spider,) = exchange.import_rows(actor=portefolje, municipality=stavanger, rows=preview.rows)

    record = spider.history.get()
    assert (record.history_type, record.history_user) == ("+", portefolje)
    assert sorted(row.orgunit.name for row in record.participating_units.all()) == [
        "Kultur",
        "Skole",
    ]
    assert [row.tag.name for row in record.tags.all()] == ["ruter"]


def test_an_imported_initiative_is_edited_like_any_other(stavanger: Municipality) -> None:
    rows = [HEADERS, ["Spider", "prosjekt", "Smartby"]]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))
    (spider,) = exchange.import_rows(actor=None, municipality=stavanger, rows=preview.rows)

    updated = initiative_update(
        actor=None, initiative=spider, expected_version=spider.version, fields={"need": "Ruter"}
    )

    assert (updated.need, updated.version, updated.history.count()) == ("Ruter", 2, 2)


def test_an_existing_tag_is_reused(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative("RPA", tags=["robot"])
    rows = [[*HEADERS, "Stikkord"], ["Robin", "prosjekt", "Smartby", "robot; faktura"]]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))
    exchange.import_rows(actor=None, municipality=stavanger, rows=preview.rows)

    assert sorted(Tag.objects.filter(municipality=stavanger).values_list("name", flat=True)) == [
        "faktura",
        "robot",
    ]


def test_if_one_row_is_refused_when_writing_nothing_is_written(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    rows = [HEADERS, ["RPA", "prosjekt", "IT-avdelingen"], ["Datasjø", "prosjekt", "Smartby"]]
    preview = _check(stavanger, "tiltak.xlsx", xlsx_file(rows))
    make_initiative("Datasjø")  # someone registers it between the check and the import
    before = portfolio_state()

    with pytest.raises(exchange.ImportFailed) as failed:
        exchange.import_rows(actor=None, municipality=stavanger, rows=preview.rows)

    assert portfolio_state() == before
    assert [p.row for p in failed.value.problems] == [3]


def test_the_apostrophe_is_taken_off_again_on_import(stavanger: Municipality) -> None:
    rows = [HEADERS, ["'=1+1", "prosjekt", "IT-avdelingen"]]
    assert _check(stavanger, "tiltak.xlsx", xlsx_file(rows)).rows[0].name == "=1+1"
