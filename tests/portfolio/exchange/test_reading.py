"""helhet/portfolio/exchange/ (reading): Reading a file: .xlsx and .csv in the encodings and
separators Norwegian Excel writes, and what is not a spreadsheet."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest

from helhet.organization.models import Municipality
from tests.portfolio.exchange.helpers import check_file, refused_message
from tests.portfolio.exchange_files import (
    HEADERS,
    csv_file,
    t,
    xlsx_file,
)


def test_a_windows_1252_csv_from_norwegian_excel_keeps_æøå(stavanger: Municipality) -> None:
    rows = [
        HEADERS,
        ["Velferdsteknologi på Hundvåg", "prosjekt", "Hundvåg hjemmebaserte tjenester"],
    ]
    preview = check_file(stavanger, "tiltak.csv", csv_file(rows, encoding="cp1252"))

    assert preview.problems == []
    assert preview.rows[0].name == "Velferdsteknologi på Hundvåg"
    assert preview.rows[0].owning_unit.name == "Hundvåg hjemmebaserte tjenester"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_a_utf_csv_with_or_without_byte_order_mark_is_read(
    stavanger: Municipality, encoding: str
) -> None:
    rows = [HEADERS, ["Kvikktest Øyriket", "prosjekt", "Smartby"]]
    assert check_file(stavanger, "tiltak.csv", csv_file(rows, encoding=encoding)).rows[0].name == (
        "Kvikktest Øyriket"
    )


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_csv_separator_is_found(stavanger: Municipality, delimiter: str) -> None:
    rows = [[*HEADERS, "Estimert kostnad"], ["Spider", "prosjekt", "Smartby", "1 234,50"]]
    preview = check_file(stavanger, "tiltak.csv", csv_file(rows, delimiter=delimiter))
    assert preview.rows[0].fields["estimated_cost"] == Decimal("1234.50")


def test_a_csv_that_is_neither_utf8_nor_windows_1252_is_refused() -> None:
    # 0x81 is undefined in Windows-1252 and cannot start a UTF-8 character.
    assert refused_message(
        "tiltak.csv", b"Navn;Type;Eierenhet\r\nR\x81PA;prosjekt;Smartby\r\n"
    ) == t(
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
    assert refused_message(name, data) == t(
        "The file is not a spreadsheet. Upload an .xlsx file from Excel or a .csv file."
    )


def test_a_zip_that_is_not_a_workbook_is_not_a_spreadsheet() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused_message("tiltak.xlsx", out.getvalue()) == t(
        "The file is not a spreadsheet. Upload an .xlsx file from Excel or a .csv file."
    )


@pytest.mark.parametrize("name", ["tiltak.xls", "tiltak.txt", "tiltak.pdf", "tiltak"])
def test_only_xlsx_and_csv_names_are_accepted(name: str) -> None:
    assert "xlsx" in refused_message(name, b"Navn;Type;Eierenhet\r\n")


def test_an_xlsx_with_real_dates_and_numbers_is_read(stavanger: Municipality) -> None:
    rows = [
        [*HEADERS, "Planlagt start", "Estimert kostnad", "Behandler personopplysninger"],
        ["Kvikktest Lervig", "prosjekt", "Smartby", datetime(2020, 6, 1), 1_500_000, True],
    ]
    fields = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows)).rows[0].fields

    assert fields["planned_start"] == date(2020, 6, 1)
    assert fields["estimated_cost"] == Decimal("1500000.00")
    assert fields["processes_personal_data"] is True


def test_the_sheet_named_tiltak_is_read_whichever_sheet_comes_first(
    stavanger: Municipality,
) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook()
    workbook.active.title = "Forside"
    workbook.active.append(["Dette er en forside"])
    workbook.create_sheet("Tiltak").append(HEADERS)
    workbook["Tiltak"].append(["RPA", "prosjekt", "IT-avdelingen"])
    out = io.BytesIO()
    workbook.save(out)
    assert check_file(stavanger, "tiltak.xlsx", out.getvalue()).rows[0].name == "RPA"


def test_the_apostrophe_is_taken_off_again_on_import(stavanger: Municipality) -> None:
    rows = [HEADERS, ["'=1+1", "prosjekt", "IT-avdelingen"]]
    assert check_file(stavanger, "tiltak.xlsx", xlsx_file(rows)).rows[0].name == "=1+1"
