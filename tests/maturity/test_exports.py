"""The plan's exports, made on the job queue and fetched from Mine filer (tests/files/helpers.py):
the .xlsx workbook (the plan and the maturity per area; text never becomes a formula) and the PDF
(readable, with the Norwegian letters), from the page's filters."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime

from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]

from helhet.maturity.exports import write_plan_pdf
from helhet.maturity.selectors.plan import maturity_plan
from helhet.organization.models import Municipality
from tests.files.helpers import exported
from tests.maturity.plan_helpers import areas, import_audit, initiative, service, step, user

XLSX_URL = "/tjenester/plan/eksport/xlsx/"
PDF_URL = "/tjenester/plan/eksport/pdf/"


def _sheets(content: bytes) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_xlsx_has_a_row_per_gap_and_step(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    step(
        service(stavanger, "Byggesøknad"),
        2,
        "Koble eByggeSak til Public 360",
        initiative=carrier,
        responsible=user("prosjektleder"),
        due_date=date(2025, 6, 30),
    )

    response = exported(login("leser"), XLSX_URL)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="helhet-digitalt-forstevalg-stavanger-' in response["Content-Disposition"]
    plan = _sheets(response.getvalue())["Plan"]
    byggesak = [row for row in plan if row[1] == "Byggesøknad"]
    assert len(byggesak) == 1
    assert byggesak[0][0] == "Plan, bygg og geodata"
    assert byggesak[0][4] == "Kommer inn i P360 og behandles derfra."
    assert byggesak[0][5:8] == (
        "Koble eByggeSak til Public 360",
        "Byggesak i eByggeSak",
        user("prosjektleder").get_full_name(),
    )
    assert byggesak[0][8] == datetime(2025, 6, 30)
    assert len(plan) == 1 + sum(
        len(row.gaps) for row in maturity_plan(stavanger, timezone.localdate()).rows
    )


def test_xlsx_has_the_maturity_per_area(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    counts = _sheets(exported(login("leser"), XLSX_URL).getvalue())["Modenhet"]

    assert counts[1] == ("Oppvekst og utdanning", 9, 8, 2, 9, 2, 0)
    assert counts[-1][1:] == (24, 11, 2, 16, 2, 0)


def test_xlsx_stores_formula_like_text_as_text(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    step(service(stavanger, "Byggesøknad"), 2, '=HYPERLINK("http://evil.example","klikk")')

    plan = _sheets(exported(login("leser"), XLSX_URL).getvalue())["Plan"]

    steps = [row[5] for row in plan if row[1] == "Byggesøknad"]
    assert steps == ['\'=HYPERLINK("http://evil.example","klikk")']


def test_xlsx_follows_the_pages_filters(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    plan_area = areas(stavanger)[2]

    plan = _sheets(exported(login("leser"), XLSX_URL, {"area": plan_area.pk}).getvalue())["Plan"]

    assert {row[0] for row in plan[1:]} == {"Plan, bygg og geodata"}


def test_pdf_is_a_pdf_with_the_services_in_norwegian_letters(stavanger: Municipality) -> None:
    import_audit(stavanger)
    out = io.BytesIO()

    write_plan_pdf(
        maturity_plan(stavanger, date(2025, 1, 15)).rows,
        municipality=stavanger,
        today=date(2025, 1, 15),
        out=out,
        compress=False,
    )

    content = out.getvalue()
    assert content.startswith(b"%PDF")
    assert "Byggesøknad".encode("cp1252") in content
    assert "Rørleggermelding".encode("cp1252") in content
    assert "Stavanger kommune".encode("cp1252") in content


def test_pdf_has_a_table_per_service_area(stavanger: Municipality) -> None:
    import_audit(stavanger)
    out = io.BytesIO()

    write_plan_pdf(
        maturity_plan(stavanger, date(2025, 1, 15)).rows,
        municipality=stavanger,
        today=date(2025, 1, 15),
        out=out,
        compress=False,
    )

    content = out.getvalue()
    for area in ("Oppvekst og utdanning", "Helse og velferd", "Plan, bygg og geodata"):
        assert area.encode("cp1252") in content


def test_pdf_prints_a_character_outside_its_font_as_a_question_mark(
    stavanger: Municipality,
) -> None:
    import_audit(stavanger)
    step(service(stavanger, "Byggesøknad"), 2, "Sámi giella: ŋ đ ŧ")
    out = io.BytesIO()

    write_plan_pdf(
        maturity_plan(stavanger, date(2025, 1, 15)).rows,
        municipality=stavanger,
        today=date(2025, 1, 15),
        out=out,
        compress=False,
    )

    assert "Sámi giella: ? ? ?".encode("cp1252") in out.getvalue()


def test_pdf_download_answers_with_a_pdf(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    response = exported(login("leser"), PDF_URL)

    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')


def test_exports_hold_only_the_own_municipalitys_services(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    plan = _sheets(exported(login("bergen-admin"), XLSX_URL).getvalue())["Plan"]

    assert plan[1:] == []
