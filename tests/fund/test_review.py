"""The fund's review: the balance over time, what it financed by kind, department and budget
year, committed against disbursed, the funded initiatives, gains due against returned, and the
money committed to stopped or late initiatives; the page, its exports, and its query count."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from helhet.fund.models import Application, EntryKind, UseKind
from helhet.fund.selectors.review import fund_review
from helhet.fund.services.ledger import ledger_entry_record
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, InitiativeStatus
from tests.conftest import count_queries
from tests.files.helpers import exported
from tests.fund.review_helpers import fund, grant, office

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)


def _unit(stavanger: Municipality, name: str) -> OrgUnit:
    return OrgUnit.objects.get(municipality=stavanger, name=name)


def _two_grants(stavanger: Municipality) -> tuple[Application, Application]:
    """Medisindispensere (E-helse og velferdsteknologi): a project granted 1 000 000 for 2022
    and 500 000 for 2023 in February 2022, 600 000 paid out in 2022 and 100 000 of 2023's
    released in 2024. DigiBarnevern (Innovasjon og digitalisering): the entry ticket, 2 000 000
    for 2023 granted in 2023, its initiative since stopped."""
    dispensers = grant(stavanger)
    Initiative.objects.filter(pk=dispensers.initiative_id).update(
        owning_unit=_unit(stavanger, "E-helse og velferdsteknologi")
    )
    ledger_entry_record(
        fund=dispensers.fund,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal(600000),
        actor=office(),
        application=dispensers,
        budget_year=2022,
        entry_date=date(2022, 9, 15),
        reference="Bilag 2022-88",
    )
    ledger_entry_record(
        fund=dispensers.fund,
        kind=EntryKind.RELEASE,
        amount=Decimal(100000),
        actor=office(),
        application=dispensers,
        budget_year=2023,
        entry_date=date(2024, 1, 20),
    )
    ticket = grant(
        stavanger,
        initiative=Initiative.objects.create(
            municipality=stavanger,
            kind="project",
            name="DigiBarnevern",
            owning_unit=_unit(stavanger, "Innovasjon og digitalisering"),
        ),
        years={2023: Decimal(2000000)},
        use_kind=UseKind.ENTRY_TICKET,
        decided_on=date(2023, 3, 1),
    )
    Initiative.objects.filter(pk=ticket.initiative_id).update(
        status=InitiativeStatus.STOPPED, stop_reason="Nasjonalt prosjekt lagt ned."
    )
    return dispensers, ticket


def test_the_review_sums_the_ledger_by_year_kind_department_and_budget_year(
    stavanger: Municipality,
) -> None:
    _two_grants(stavanger)

    review = fund_review(fund(stavanger), municipality=stavanger, today=TODAY)

    balance = review.balance
    assert (balance.capital, balance.committed, balance.disbursed, balance.available) == (
        Decimal(100000000),
        Decimal(3400000),  # 1 500 000 + 2 000 000 - 100 000 released
        Decimal(600000),
        Decimal(96600000),
    )
    assert [year.year for year in review.years] == list(range(2017, 2027))
    at_end = {year.year: year for year in review.years}
    assert at_end[2021].balance.available == Decimal(100000000)
    assert (at_end[2022].balance.available, at_end[2022].balance.undisbursed) == (
        Decimal(98500000),
        Decimal(900000),
    )
    assert (at_end[2023].committed_in, at_end[2024].committed_in) == (
        Decimal(2000000),
        Decimal(-100000),
    )
    assert at_end[2026].balance.available == balance.available
    kinds = {line.key: (line.grants, line.committed, line.disbursed) for line in review.by_kind}
    assert kinds == {
        UseKind.ONE_OFF: (0, Decimal(0), Decimal(0)),
        UseKind.ENTRY_TICKET: (1, Decimal(2000000), Decimal(0)),
        UseKind.PROJECT: (1, Decimal(1400000), Decimal(600000)),
    }
    departments = [(line.label, line.committed, line.grants) for line in review.by_department]
    assert departments == [
        ("Innovasjon og digitalisering", Decimal(2000000), 1),
        ("E-helse og velferdsteknologi", Decimal(1400000), 1),
    ]
    years = [(line.label, line.committed, line.disbursed) for line in review.by_year]
    assert years == [
        ("2022", Decimal(1000000), Decimal(600000)),
        ("2023", Decimal(2400000), Decimal(0)),
    ]
    assert [line.initiative_name for line in review.funded.rows] == [
        "DigiBarnevern",
        "Medisindispensere",
    ]
    assert [(line.initiative_name, line.stopped) for line in review.at_risk.rows] == [
        ("DigiBarnevern", True)
    ]
    assert (review.at_risk_committed, review.at_risk_undisbursed) == (
        Decimal(2000000),
        Decimal(2000000),
    )
    assert all(isinstance(year.balance.available, Decimal) for year in review.years)


def test_an_initiative_past_its_planned_end_is_late(stavanger: Municipality) -> None:
    dispensers, _ticket = _two_grants(stavanger)
    Initiative.objects.filter(pk=dispensers.initiative_id).update(
        status=InitiativeStatus.ACTIVE, planned_end=date(2024, 6, 30), actual_end=None
    )

    review = fund_review(fund(stavanger), municipality=stavanger, today=TODAY)

    late = {line.initiative_name: line.late for line in review.at_risk.rows}
    assert late == {"DigiBarnevern": False, "Medisindispensere": True}
    assert review.at_risk_undisbursed == Decimal(2800000)  # 2 000 000 + (1 400 000 - 600 000)


def test_the_review_page_shows_the_figures_to_every_role(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _two_grants(stavanger)

    response = login("leser").get(f"/fond/{fund(stavanger).pk}/gjennomgang/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "96\xa0600\xa0000 kr" in page  # available, as bokmål groups thousands
    assert "Innovasjon og digitalisering" in page
    assert "DigiBarnevern" in page
    assert 'id="chart-balance"' in page
    assert "Eksempel" not in page


def _many_grants(stavanger: Municipality, count: int) -> None:
    units = list(OrgUnit.objects.filter(municipality=stavanger).order_by("pk"))
    for index in range(count):
        initiative = Initiative.objects.create(
            municipality=stavanger,
            kind="project",
            name=f"Tiltak {index:03d}",
            owning_unit=units[index % len(units)],
        )
        grant(
            stavanger,
            initiative=initiative,
            years={2024: Decimal(10000 + index)},
            use_kind=[UseKind.PROJECT, UseKind.ONE_OFF][index % 2],
        )


def test_the_review_asks_the_same_number_of_queries_for_2_grants_as_for_40(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("leser")
    path = f"/fond/{fund(stavanger).pk}/gjennomgang/"
    _two_grants(stavanger)
    few = count_queries(client, path)

    _many_grants(stavanger, 38)

    assert count_queries(client, path) == few


def test_the_exports_hold_the_review(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    _two_grants(stavanger)
    client = login("leser")
    the_fund = fund(stavanger)
    today = timezone.localdate().isoformat()

    # Made on the job queue and fetched from Mine filer.
    xlsx = exported(client, f"/fond/{the_fund.pk}/gjennomgang/xlsx/")
    pdf = exported(client, f"/fond/{the_fund.pk}/gjennomgang/pdf/")

    assert xlsx["Content-Disposition"] == (
        f'attachment; filename="gjennomgang-digitaliseringsfondet-{today}.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(xlsx.getvalue()))
    assert workbook.sheetnames == [
        "Saldo",
        "Etter type",
        "Etter avdeling",
        "Etter budsjettår",
        "Tilsagn",
        "Gevinster",
        "Stanset eller forsinket",
    ]
    grants = list(workbook["Tilsagn"].values)
    assert grants[1][:2] == ("DigiBarnevern", "Innovasjon og digitalisering")
    assert grants[1][5] == 2000000
    assert list(workbook["Stanset eller forsinket"].values)[1][0] == "DigiBarnevern"
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.getvalue().startswith(b"%PDF")
