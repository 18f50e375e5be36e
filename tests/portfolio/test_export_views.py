"""The overview's export to .xlsx and .csv, made on the job queue and fetched from Mine filer
(tests/files/helpers.py): its filters, its columns, formulas neutralised, a fixed number of
queries, and a file that imports again."""

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from helhet.portfolio.models import Initiative
from helhet.portfolio.services import goal_create, initiative_delete, status_report_create
from tests.conftest import unit_named
from tests.files.helpers import ask_for, exported
from tests.notifications.helpers import run_waiting_jobs
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.exchange_files import read_xlsx

XLSX = reverse("portfolio:export_xlsx")
CSV = reverse("portfolio:export_csv")


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _make_full(make_initiative: MakeInitiative, stavanger: Municipality, name: str) -> Initiative:
    """An initiative with every column filled in, and a status report."""
    goal = goal_create(
        actor=None,
        municipality=stavanger,
        name=f"Mål for {name}",
        level="municipal",
        kind="goal",
    )
    initiative = make_initiative(
        name,
        short_description="Fakturaroboten Robin kontrollerer 160 000 fakturaer i året.",
        need="Spare om lag 2 000 timer i året.",
        planned_start=date(2019, 1, 1),
        planned_end=date(2021, 12, 31),
        estimated_cost=Decimal("1613764.50"),
        project_owner=User.objects.get(username="eier"),
        project_leader=User.objects.get(username="prosjektleder"),
        processes_personal_data=True,
        ros_status="done",
        ros_date=date(2019, 3, 1),
        m2m={
            "participating_units": [unit_named(stavanger, "IT-avdelingen")],
            "goals": [goal],
        },
        tags=["rpa", "økonomi"],
    )
    status_report_create(
        actor=User.objects.get(username="prosjektleder"),
        initiative=initiative,
        ratings={
            "progress": "green",
            "economy": "yellow",
            "quality": "green",
            "risk": "green",
            "benefits": "green",
        },
        comments={},
        summary="Går som planlagt.",
        reported_at=timezone.make_aware(datetime(2024, 3, 31, 12, 0)),
        period_start=date(2020, 1, 1),
        period_end=date(2020, 1, 31),
    )
    return initiative


def test_the_xlsx_has_the_template_columns_and_the_latest_status_report(
    login: Callable[[str], Client], make_initiative: MakeInitiative, stavanger: Municipality
) -> None:
    _make_full(make_initiative, stavanger, "RPA")
    rows = read_xlsx(exported(login("leser"), XLSX).getvalue())
    headers, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert headers[: len(exchange.COLUMNS)] == [c.header for c in exchange.COLUMNS]
    assert row["Navn"] == "RPA"
    assert row["Type"] == "Prosjekt"
    assert row["Eierenhet"] == "Innovasjon og digitalisering"
    assert row["Estimert kostnad"] == pytest.approx(1613764.5)
    assert row["Planlagt start"] == datetime(2019, 1, 1)
    assert row["Prosjektleder"] == "Hanne Vik"
    assert row["Prosjekteier"] == "Øyvind Tjelta"
    assert row["ID"] == Initiative.objects.get(name="RPA").pk
    assert row["Stikkord"] == "rpa; økonomi"
    assert row["Behandler personopplysninger"] == "Ja"
    assert row["ROS-status"] == "Gjennomført"
    assert (row["DPIA-status"], row["Databehandleravtale"]) == ("Ikke vurdert", "Ikke vurdert")
    assert (row["Metode"], row["Fase"], row["Nivå"], row["Finansiering"]) == (None,) * 4
    assert row["Siste statusrapport"] == datetime(2024, 3, 31)
    assert row["Siste vurdering"] == "gul"


def test_the_file_is_named_for_the_municipality_and_the_day(
    login: Callable[[str], Client],
) -> None:
    today = timezone.localdate().isoformat()
    for url, extension in ((XLSX, "xlsx"), (CSV, "csv")):
        response = exported(login("leser"), url)
        assert response["Content-Disposition"] == (
            f'attachment; filename="helhet-portefolje-stavanger-{today}.{extension}"'
        )


def test_a_formula_in_the_xlsx_is_stored_as_text_with_an_apostrophe(
    login: Callable[[str], Client], make_initiative: MakeInitiative
) -> None:
    make_initiative(
        '=HYPERLINK("http://angriper.example","Klikk")',
        short_description="+47 51 50 70 90",
        need="@SUM(1+1)",
    )
    workbook = load_workbook(io.BytesIO(exported(login("leser"), XLSX).getvalue()))
    name, description, need = (
        workbook.worksheets[0].cell(row=2, column=column) for column in (1, 4, 5)
    )
    assert name.value == '\'=HYPERLINK("http://angriper.example","Klikk")'
    assert name.data_type == "s"
    assert (description.value, description.data_type) == ("'+47 51 50 70 90", "s")
    assert (need.value, need.data_type) == ("'@SUM(1+1)", "s")


def test_a_formula_in_the_csv_gets_an_apostrophe(
    login: Callable[[str], Client], make_initiative: MakeInitiative
) -> None:
    make_initiative("=1+1", short_description="-2+3")
    rows = _csv_rows(exported(login("leser"), CSV).getvalue())

    assert rows[1][0] == "'=1+1"
    assert rows[1][3] == "'-2+3"


def test_the_csv_is_for_norwegian_excel_with_a_byte_order_mark_semicolons_and_decimal_commas(
    login: Callable[[str], Client], make_initiative: MakeInitiative, stavanger: Municipality
) -> None:
    _make_full(make_initiative, stavanger, "Kvikktest Øyriket")
    response = exported(login("leser"), CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv_rows(response.getvalue())
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Navn"] == "Kvikktest Øyriket"
    assert row["Estimert kostnad"] == "1613764,50"
    assert row["Planlagt start"] == "2019-01-01"
    assert row["Stikkord"] == "rpa; økonomi"


@pytest.mark.parametrize("url", [XLSX, CSV])
def test_the_export_honours_the_overviews_filters(
    url: str, login: Callable[[str], Client], make_initiative: MakeInitiative
) -> None:
    make_initiative("RPA", kind="project")
    make_initiative("Aktiv kommune", kind="activity")
    make_initiative("Droneprosjektet", kind="idea", owning_unit="Smartby")

    response = exported(login("leser"), url, {"kind": ["project", "activity"], "sort": "-name"})

    content = response.getvalue()
    rows = read_xlsx(content) if url == XLSX else _csv_rows(content)
    assert [row[0] for row in rows[1:]] == ["RPA", "Aktiv kommune"]


def test_the_export_shows_only_the_own_municipality(
    login: Callable[[str], Client], make_initiative: MakeInitiative, bergen: Municipality
) -> None:
    make_initiative("RPA")
    make_initiative("Bergens eget", municipality=bergen, owning_unit="Digitaliseringsavdelingen")

    rows = read_xlsx(exported(login("bergen-admin"), XLSX).getvalue())

    assert [row[0] for row in rows[1:]] == ["Bergens eget"]


def _queries(client: Client, url: str) -> int:
    """The queries of the job that makes the file (the request only asks for it)."""
    ask_for(client, url)
    with CaptureQueriesContext(connection) as queries:
        run_waiting_jobs()
    return len(queries.captured_queries)


@pytest.mark.parametrize("url", [XLSX, CSV])
def test_the_export_makes_as_many_queries_for_30_initiatives_as_for_3(
    url: str,
    login: Callable[[str], Client],
    make_initiative: MakeInitiative,
    stavanger: Municipality,
) -> None:
    client = login("leser")
    for index in range(3):
        _make_full(make_initiative, stavanger, f"Tiltak {index}")
    few = _queries(client, url)
    for index in range(3, 30):
        _make_full(make_initiative, stavanger, f"Tiltak {index}")

    assert _queries(client, url) == few


def test_an_export_imports_again_into_an_emptied_municipality(
    login: Callable[[str], Client],
    make_initiative: MakeInitiative,
    stavanger: Municipality,
) -> None:
    _make_full(make_initiative, stavanger, "RPA")
    make_initiative(
        "Mitt Stavanger",
        kind="project",
        owning_unit="Smartby",
        status="stopped",
        stop_reason="Leverte mindre enn planlagt.",
        actual_start=date(2016, 1, 1),
        actual_end=date(2019, 12, 31),
    )
    make_initiative("=formel", kind="idea")
    fields = ["name", "kind", "owning_unit_id", "status", "stop_reason", "short_description"]
    fields += ["need", "planned_start", "planned_end", "actual_start", "actual_end"]
    fields += ["estimated_cost", "actual_cost", "project_owner_id", "project_leader_id"]
    fields += ["processes_personal_data", "ros_status", "ros_date"]

    def snapshot() -> list[tuple[object, ...]]:
        return [
            (
                *(getattr(i, f) for f in fields),
                sorted(u.name for u in i.participating_units.all()),
                sorted(g.name for g in i.goals.all()),
                sorted(t.name for t in i.tags.all()),
            )
            for i in Initiative.objects.filter(municipality=stavanger).order_by("name")
        ]

    before = snapshot()
    exported_file = exported(login("leser"), XLSX).getvalue()
    for initiative in Initiative.objects.filter(municipality=stavanger):
        initiative_delete(actor=None, initiative=initiative)

    table = exchange.read_table("eksport.xlsx", exported_file)
    preview = exchange.check_import(municipality=stavanger, table=table)
    assert preview.problems == []
    exchange.import_rows(actor=None, municipality=stavanger, rows=preview.rows)

    assert snapshot() == before
