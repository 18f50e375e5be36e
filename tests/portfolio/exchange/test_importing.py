"""helhet/portfolio/exchange/ (importing): Creating the rows: all or nothing, with their relations
and the importer in their history."""

from datetime import date
from decimal import Decimal

import pytest

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from helhet.portfolio.models import (
    Initiative,
    StrategicGoal,
    Tag,
)
from helhet.portfolio.services import goal_create, initiative_update
from tests.conftest import unit_named
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.exchange.helpers import check_file
from tests.portfolio.exchange_files import (
    HEADERS,
    portfolio_state,
    xlsx_file,
)


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
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))
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
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))
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
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))
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
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))
    exchange.import_rows(actor=None, municipality=stavanger, rows=preview.rows)

    assert sorted(Tag.objects.filter(municipality=stavanger).values_list("name", flat=True)) == [
        "faktura",
        "robot",
    ]


def test_if_one_row_is_refused_when_writing_nothing_is_written(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    rows = [HEADERS, ["RPA", "prosjekt", "IT-avdelingen"], ["Datasjø", "prosjekt", "Smartby"]]
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))
    make_initiative("Datasjø")  # someone registers it between the check and the import
    before = portfolio_state()

    with pytest.raises(exchange.ImportFailed) as failed:
        exchange.import_rows(actor=None, municipality=stavanger, rows=preview.rows)

    assert portfolio_state() == before
    assert [p.row for p in failed.value.problems] == [3]
