"""helhet/portfolio/exchange/ (values): A cell's value as the field needs it: dates, amounts,
kinds, statuses and ROS."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.core.text import LONG_TEXT
from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from helhet.portfolio.exchange import columns
from helhet.portfolio.exchange.problems import RowError
from helhet.portfolio.exchange.values import Lookup, clean_choice
from helhet.portfolio.models import (
    AssessmentStatus,
    FundingSourceKind,
    InitiativeKind,
    InitiativeStatus,
)
from tests.portfolio.exchange.helpers import check_file, file_problems
from tests.portfolio.exchange_files import (
    HEADERS,
    problem,
    xlsx_file,
)


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
    assert file_problems(stavanger, rows) == [
        problem(
            2,
            "Estimert kostnad",
            "“%(value)s” is not an amount. Write it as 1 234 567,50 or 1234567.50.",
            value="ca. 2 millioner",
        )
    ]


def test_a_negative_cost_is_an_error(stavanger: Municipality) -> None:
    rows = [[*HEADERS, "Faktisk kostnad"], ["RPA", "prosjekt", "IT-avdelingen", -5000]]
    assert file_problems(stavanger, rows) == [
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
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))

    assert preview.problems == []
    assert [(r.kind, r.fields.get("status"), r.fields["ros_status"]) for r in preview.rows] == [
        (InitiativeKind.PROJECT, InitiativeStatus.ACTIVE, "not_needed"),
        (InitiativeKind.PROGRAMME, InitiativeStatus.STOPPED, "done"),
        (InitiativeKind.IDEA, InitiativeStatus.ACTIVE, ""),
    ]


def test_an_unknown_kind_and_status_name_the_allowed_values(stavanger: Municipality) -> None:
    rows = [[*HEADERS, "Status"], ["RPA", "satsing", "IT-avdelingen", "halvferdig"]]
    assert file_problems(stavanger, rows) == [
        problem(
            2,
            "Type",
            "“%(value)s” is not a kind. Use one of: %(allowed)s.",
            value="satsing",
            allowed="Idé, Prosjekt, Program, Aktivitet",
        ),
        problem(
            2,
            "Status",
            "“%(value)s” is not a status. Use one of: %(allowed)s.",
            value="halvferdig",
            allowed="Aktiv, Satt på pause, Fullført, Stanset",
        ),
    ]


def test_the_words_the_export_writes_are_the_interfaces_words() -> None:
    with translation.override("nb"):
        assert {v: str(label) for v, label in InitiativeKind.choices} == columns.KIND_LABELS
        assert {v: str(label) for v, label in InitiativeStatus.choices} == columns.STATUS_LABELS
        assert {v: str(label) for v, label in AssessmentStatus.choices} == columns.ASSESSMENT_LABELS
        assert {v: str(label) for v, label in FundingSourceKind.choices} == columns.FUNDING_LABELS


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("Satt på pause", "paused"),
        ("pause", "paused"),
        ("Stanset", "stopped"),
        ("stoppet", "stopped"),
        ("Fullført", "completed"),
    ],
)
def test_a_status_is_read_in_the_interfaces_words_and_as_earlier_exports_wrote_it(
    written: str, status: str
) -> None:
    assert clean_choice("status", written) == status


def test_a_person_is_found_by_name_or_username_and_a_shared_name_needs_the_username(
    stavanger: Municipality,
) -> None:
    hanne = User.objects.get(username="prosjektleder")
    other = User.objects.create(username="hvik2", first_name="Hanne", last_name="Vik")
    Membership.objects.create(user=other, municipality=stavanger, role=Role.READER)
    lookup = Lookup(stavanger)

    assert lookup.person("prosjektleder") == hanne
    assert lookup.person("Hanne Vik (prosjektleder)") == hanne
    assert lookup.person_text(hanne) == "Hanne Vik (prosjektleder)"
    assert lookup.person("Gunn Bø") == User.objects.get(username="leser")
    with pytest.raises(RowError):
        lookup.person("Hanne Vik")


def test_a_text_longer_than_the_field_takes_is_a_problem_in_the_preview(
    stavanger: Municipality,
) -> None:
    rows = [[*HEADERS, "Behov"], ["RPA", "Prosjekt", "IT-avdelingen", "x" * (LONG_TEXT + 1)]]

    assert file_problems(stavanger, rows) == [
        problem(
            2,
            "Behov",
            "The text is too long (at most %(limit)s characters).",
            limit=LONG_TEXT,
        )
    ]
