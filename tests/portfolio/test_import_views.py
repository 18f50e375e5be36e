"""The import pages: the template, the upload with its preview, and the confirmation that
creates everything or nothing."""

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pytest_django.fixtures import Settings

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, PendingImport
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.exchange_files import (
    HEADERS,
    csv_file,
    html,
    portfolio_state,
    problem,
    t,
    xlsx_file,
)

UPLOAD = reverse("portfolio:import_upload")
CONFIRM = reverse("portfolio:import_confirm")
TEMPLATE = reverse("portfolio:import_template")

GOOD_ROWS = [
    [*HEADERS, "Status", "Planlagt start", "Estimert kostnad"],
    ["RPA", "prosjekt", "IT-avdelingen", "aktiv", "2024-03-31", "1 234 567,50"],
    ["Datasjø", "program", "Innovasjon og digitalisering", "", "31.03.2024", "250000"],
]


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(client: Client, name: str, data: bytes) -> Any:  # the test client's response
    content_type = "text/csv" if name.endswith(".csv") else "application/octet-stream"
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, content_type=content_type)})


def _token(body: str) -> str:
    match = re.search(r'name="token" value="([0-9a-f]{32})"', body)
    assert match, "no confirm form"
    return match.group(1)


def _pending_files(media: Path) -> list[Path]:
    folder = media / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


# The upload page and the template


def test_the_upload_page_offers_the_template_and_a_file_field(
    login: Callable[[str], Client],
) -> None:
    response = login("portefolje").get(UPLOAD)
    body = response.content.decode()

    assert response.status_code == 200
    assert f'href="{TEMPLATE}"' in body
    assert 'type="file"' in body and 'enctype="multipart/form-data"' in body


def test_the_template_downloads_as_an_xlsx_with_the_columns(
    login: Callable[[str], Client],
) -> None:
    response = login("portefolje").get(TEMPLATE)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]][:3] == ["Navn", "Type", "Eierenhet"]
    assert len(workbook.worksheets) == 2


# The preview


def test_a_clean_file_shows_how_many_rows_will_be_created_and_writes_nothing(
    login: Callable[[str], Client], _media: Path
) -> None:
    before = portfolio_state()
    response = _upload(login("portefolje"), "tiltak.xlsx", xlsx_file(GOOD_ROWS))
    body = response.content.decode()

    assert response.status_code == 200
    assert 'id="import-confirm"' in body
    assert "RPA" in body and "Datasjø" in body
    assert portfolio_state() == before
    assert len(_pending_files(_media)) == 1  # the file (who uploaded it is a PendingImport row)
    assert PendingImport.objects.filter(name="tiltak.xlsx", claimed_at=None).count() == 1


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [[*HEADERS], ["RPA", "prosjekt", "IT-avdelinga"]],
            problem(
                2, "Eierenhet", "No unit named “%(name)s” in the municipality.", name="IT-avdelinga"
            ),
            id="unknown department",
        ),
        pytest.param(
            [[*HEADERS, "Planlagt start"], ["RPA", "prosjekt", "Smartby", "31.02.2024"]],
            problem(
                2,
                "Planlagt start",
                "“%(value)s” is not a date that exists.",
                value="31.02.2024",
            ),
            id="31.02.2024",
        ),
        pytest.param(
            [[*HEADERS, "Estimert kostnad"], ["RPA", "prosjekt", "Smartby", "mye"]],
            problem(
                2,
                "Estimert kostnad",
                "“%(value)s” is not an amount. Write it as 1 234 567,50 or 1234567.50.",
                value="mye",
            ),
            id="text in a cost column",
        ),
        pytest.param(
            [HEADERS, ["RPA", "prosjekt", "Smartby"], ["RPA", "idé", "Smartby"]],
            problem(3, "Navn", "The name is also used in row %(row)s.", row=2),
            id="duplicate name",
        ),
        pytest.param(
            [["Navn", "Type"], ["RPA", "prosjekt"]],
            t(
                "The column “%(column)s” is missing. Use the template's column names in the "
                "first row.",
                column="Eierenhet",
            ),
            id="missing column",
        ),
    ],
)
def test_each_problem_is_shown_by_row_and_column_and_nothing_can_be_confirmed(
    login: Callable[[str], Client], _media: Path, rows: list[list[object]], expected: str
) -> None:
    before = portfolio_state()
    response = _upload(login("portefolje"), "tiltak.xlsx", xlsx_file(rows))
    body = response.content.decode()

    assert response.status_code == 400
    assert html(expected) in body
    assert 'id="import-confirm"' not in body
    assert portfolio_state() == before
    assert _pending_files(_media) == []


def test_a_row_of_an_existing_initiative_is_shown_as_a_change_with_what_changes(
    login: Callable[[str], Client], make_initiative: MakeInitiative
) -> None:
    make_initiative("RPA", owning_unit="Smartby")
    response = _upload(login("portefolje"), "tiltak.xlsx", xlsx_file(GOOD_ROWS))
    body = response.content.decode()

    assert response.status_code == 200
    assert 'id="import-confirm"' in body
    rows = re.findall(r'<tr data-action="(\w+)">\s*<td>(\d+)</td>', body)
    assert rows == [("changed", "2"), ("new", "3")]
    assert "<td>endres</td>" in body and "<td>nytt</td>" in body
    assert "<strong>Eierenhet</strong>: Smartby → IT-avdelingen" in body


def test_a_file_that_changes_nothing_offers_nothing_to_confirm(
    login: Callable[[str], Client], make_initiative: MakeInitiative
) -> None:
    make_initiative("RPA", owning_unit="IT-avdelingen")
    rows = [HEADERS, ["RPA", "Prosjekt", "IT-avdelingen"]]
    response = _upload(login("portefolje"), "tiltak.xlsx", xlsx_file(rows))
    body = response.content.decode()

    assert response.status_code == 200
    assert 'id="import-confirm"' not in body
    assert html(t("Nothing to import: every initiative in the file is as it is in Helhet.")) in body


def test_a_50_mb_file_is_refused_with_a_clear_message_and_nothing_is_kept(
    login: Callable[[str], Client], _media: Path
) -> None:
    big = b"Navn;Type;Eierenhet\r\n" + b"x" * (50 * 1024 * 1024)
    before = portfolio_state()
    response = _upload(login("portefolje"), "tiltak.csv", big)

    assert response.status_code == 400
    assert (
        html(
            t(
                "The file is larger than %(limit)s MB. Split it into smaller files, or remove "
                "columns that are not in the template.",
                limit=5,
            )
        )
        in response.content.decode()
    )
    assert html(t("This field is required.")) not in response.content.decode()
    assert portfolio_state() == before
    assert _pending_files(_media) == []


def test_a_long_list_of_problems_shows_the_first_500_and_counts_them_all(
    login: Callable[[str], Client],
) -> None:
    rows = [HEADERS] + [[f"Tiltak {i}", "ukjent", "Smartby"] for i in range(600)]
    response = _upload(login("portefolje"), "tiltak.csv", csv_file(rows))
    body = response.content.decode()

    assert response.status_code == 400
    assert body.count("<li>" + problem(2, "Type", "x").split(" ")[0] + " ") == 500
    assert "600" in body


def test_a_long_clean_file_lists_the_first_100_rows_and_counts_them_all(
    login: Callable[[str], Client],
) -> None:
    rows = [HEADERS] + [[f"Tiltak {i:03d}", "idé", "Smartby"] for i in range(250)]
    response = _upload(login("portefolje"), "tiltak.csv", csv_file(rows))
    body = response.content.decode()

    assert response.status_code == 200
    assert body.count('<th scope="row">Tiltak ') == 100
    assert "250" in body


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tiltak.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"),
        ("tiltak.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(
    login: Callable[[str], Client], name: str, data: bytes
) -> None:
    before = portfolio_state()
    response = _upload(login("portefolje"), name, data)

    assert response.status_code == 400
    assert (
        html(t("The file is not a spreadsheet. Upload an .xlsx file from Excel or a .csv file."))
        in response.content.decode()
    )
    assert portfolio_state() == before


def test_a_file_of_another_type_is_refused_by_its_name(login: Callable[[str], Client]) -> None:
    response = _upload(login("portefolje"), "tiltak.xls", b"\xd0\xcf\x11\xe0")

    assert response.status_code == 400
    assert (
        html(
            t(
                "Only .xlsx and .csv files can be imported. Save the file as an Excel workbook "
                "(.xlsx) or as CSV, and upload it again."
            )
        )
        in response.content.decode()
    )


def test_no_file_is_an_error(login: Callable[[str], Client]) -> None:
    response = login("portefolje").post(UPLOAD, {})
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()


# Confirming


def _confirm_clean(client: Client, name: str, data: bytes) -> Any:
    response = _upload(client, name, data)
    assert response.status_code == 200, response.content.decode()
    return client.post(CONFIRM, {"token": _token(response.content.decode())})


def test_confirming_creates_every_row_with_the_importer_in_the_history(
    login: Callable[[str], Client], stavanger: Municipality, _media: Path
) -> None:
    response = _confirm_clean(login("portefolje"), "tiltak.xlsx", xlsx_file(GOOD_ROWS))

    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio:overview")
    initiatives = Initiative.objects.filter(municipality=stavanger).order_by("name")
    assert [i.name for i in initiatives] == ["Datasjø", "RPA"]
    portefolje = User.objects.get(username="portefolje")
    assert {h.history_user for i in initiatives for h in i.history.all()} == {portefolje}
    assert _pending_files(_media) == []


def test_an_imported_initiatives_history_page_names_the_importer(
    login: Callable[[str], Client],
) -> None:
    client = login("portefolje")
    _confirm_clean(client, "tiltak.xlsx", xlsx_file(GOOD_ROWS))
    rpa = Initiative.objects.get(name="RPA")

    response = client.get(reverse("portfolio:initiative_history", args=[rpa.pk]))

    assert response.status_code == 200
    assert "Lars Eide" in response.content.decode()


def test_a_windows_1252_csv_with_æøå_from_norwegian_excel_imports(
    login: Callable[[str], Client], stavanger: Municipality
) -> None:
    rows = [
        [*HEADERS, "Kort beskrivelse"],
        ["Medisindispensere", "prosjekt", "E-helse og velferdsteknologi", "Færre besøk, økt ro"],
        ["Kvikktest Øyriket", "prosjekt", "Smartby", "Små bedrifter på Åmøy"],
    ]
    _confirm_clean(login("portefolje"), "tiltak.csv", csv_file(rows, encoding="cp1252"))

    assert Initiative.objects.get(name="Kvikktest Øyriket").short_description == (
        "Små bedrifter på Åmøy"
    )
    assert Initiative.objects.filter(name="Medisindispensere").exists()


def test_a_semicolon_csv_imports(login: Callable[[str], Client], stavanger: Municipality) -> None:
    rows = [[*HEADERS, "Estimert kostnad"], ["Spider", "prosjekt", "Smartby", "1 234 567,50"]]
    _confirm_clean(login("portefolje"), "tiltak.csv", csv_file(rows, delimiter=";"))

    assert str(Initiative.objects.get(name="Spider").estimated_cost) == "1234567.50"


def test_the_confirmation_writes_nothing_and_shows_the_new_plan_if_the_portfolio_changed(
    login: Callable[[str], Client], make_initiative: MakeInitiative
) -> None:
    client = login("portefolje")
    response = _upload(client, "tiltak.xlsx", xlsx_file(GOOD_ROWS))
    token = _token(response.content.decode())
    datasjo = make_initiative("Datasjø")  # someone registers it before the confirmation
    before = portfolio_state()

    response = client.post(CONFIRM, {"token": token})
    body = response.content.decode()

    assert response.status_code == 409
    assert 'id="import-moved"' in body
    assert re.findall(r'<tr data-action="(\w+)">', body) == ["new", "changed"]
    assert portfolio_state() == before

    assert client.post(CONFIRM, {"token": _token(body)}).status_code == 302
    assert Initiative.objects.get(pk=datasjo.pk).kind == "programme"


def test_nobody_else_can_confirm_a_persons_upload(login: Callable[[str], Client]) -> None:
    response = _upload(login("portefolje"), "tiltak.xlsx", xlsx_file(GOOD_ROWS))
    token = _token(response.content.decode())
    before = portfolio_state()

    for other in ("admin", "bergen-admin"):
        response = login(other).post(CONFIRM, {"token": token})
        assert response.status_code == 400
        assert portfolio_state() == before


@pytest.mark.parametrize("token", ["", "nope", "../../etc/passwd", "0" * 32])
def test_an_unknown_token_writes_nothing(login: Callable[[str], Client], token: str) -> None:
    before = portfolio_state()
    response = login("portefolje").post(CONFIRM, {"token": token})

    assert response.status_code == 400
    assert html(t("The file is no longer waiting to be imported. Upload it again.")) in (
        response.content.decode()
    )
    assert portfolio_state() == before


def test_the_preview_can_be_shown_again_from_its_token(login: Callable[[str], Client]) -> None:
    client = login("portefolje")
    token = _token(_upload(client, "tiltak.xlsx", xlsx_file(GOOD_ROWS)).content.decode())

    response = client.get(CONFIRM, {"token": token})

    assert response.status_code == 200
    assert _token(response.content.decode()) == token


def test_confirming_twice_creates_the_rows_once(
    login: Callable[[str], Client], stavanger: Municipality
) -> None:
    client = login("portefolje")
    token = _token(_upload(client, "tiltak.xlsx", xlsx_file(GOOD_ROWS)).content.decode())

    assert client.post(CONFIRM, {"token": token}).status_code == 302
    assert client.post(CONFIRM, {"token": token}).status_code == 409
    assert Initiative.objects.filter(municipality=stavanger).count() == 2


@pytest.mark.parametrize("username", ["direktor", "eier", "prosjektleder", "leser"])
def test_roles_without_the_import_right_can_neither_upload_nor_confirm(
    login: Callable[[str], Client], username: str
) -> None:
    token = _token(
        _upload(login("portefolje"), "tiltak.xlsx", xlsx_file(GOOD_ROWS)).content.decode()
    )
    client = login(username)
    before = portfolio_state()

    assert _upload(client, "tiltak.xlsx", xlsx_file(GOOD_ROWS)).status_code == 403
    assert client.post(CONFIRM, {"token": token}).status_code == 403
    assert portfolio_state() == before


def test_the_upload_is_protected_against_cross_site_requests(
    demo: dict[str, Municipality],
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="portefolje"))

    response = _upload(client, "tiltak.xlsx", xlsx_file(GOOD_ROWS))

    assert response.status_code == 403
