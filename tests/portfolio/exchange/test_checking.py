"""helhet/portfolio/exchange/ (checking): Checking the rows: every problem named by row and column,
and nothing written."""

import io

from helhet.accounts.models import Membership, User
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio import exchange
from helhet.portfolio.models import Initiative
from tests.conftest import unit_named
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.exchange.helpers import check_file, file_problems
from tests.portfolio.exchange_files import (
    HEADERS,
    csv_file,
    problem,
    t,
    xlsx_file,
)


def test_a_missing_required_column_is_a_problem_with_the_file(stavanger: Municipality) -> None:
    rows = [["Navn", "Type"], ["RPA", "prosjekt"]]
    assert file_problems(stavanger, rows) == [
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
    assert file_problems(stavanger, rows) == [
        problem(
            2,
            "Eierenhet",
            "No unit named “%(name)s” in the municipality.",
            name="IT-avdelinga",
        ),
        problem(
            2,
            "Prosjektleder",
            "No person in the municipality has the name or username “%(name)s”.",
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
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Eierenhet"), (2, "Prosjekteier")]


def test_a_stopped_initiative_needs_a_reason(stavanger: Municipality) -> None:
    rows = [[*HEADERS, "Status"], ["Mitt Stavanger", "prosjekt", "Smartby", "stoppet"]]
    assert file_problems(stavanger, rows) == [
        problem(2, "Grunn til stopp", "Say why the initiative was stopped.")
    ]


def test_an_end_before_the_start_is_an_error(stavanger: Municipality) -> None:
    rows = [
        [*HEADERS, "Planlagt start", "Planlagt slutt", "Faktisk start", "Faktisk slutt"],
        ["Kvikktest Lervig", "prosjekt", "Smartby", "01.12.2020", "01.06.2020", "", ""],
        ["Spider", "prosjekt", "Smartby", "", "", "2019-09-01", "2017-05-01"],
    ]
    assert file_problems(stavanger, rows) == [
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
    assert file_problems(stavanger, rows) == [
        problem(4, "Navn", "The name is also used in row %(row)s.", row=2)
    ]


def test_a_row_with_a_name_the_municipality_has_changes_that_initiative(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    datasjo = make_initiative("Datasjø")
    rows = [HEADERS, ["Datasjø", "prosjekt", "IT-avdelingen"]]
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))

    assert preview.problems == []
    (row,) = preview.rows
    assert (row.action, row.initiative) == ("changed", datasjo)
    assert [(c.column, c.old, c.new) for c in row.changes] == [
        ("Eierenhet", "Innovasjon og digitalisering", "IT-avdelingen")
    ]


def test_renaming_an_initiative_to_another_ones_name_is_an_error(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    datasjo = make_initiative("Datasjø")
    make_initiative("RPA")
    rows = [["ID", *HEADERS], [datasjo.pk, "rpa", "prosjekt", "IT-avdelingen"]]
    assert file_problems(stavanger, rows) == [
        problem(2, "Navn", "There is already an initiative with this name.")
    ]


def test_one_initiative_in_two_rows_is_an_error(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    datasjo = make_initiative("Datasjø")
    rows = [
        ["ID", *HEADERS],
        [datasjo.pk, "Datasjø 2", "prosjekt", "IT-avdelingen"],
        [None, "Datasjø", "prosjekt", "IT-avdelingen"],
    ]
    assert file_problems(stavanger, rows) == [
        problem(3, "ID", "The initiative is also in row %(row)s.", row=2)
    ]


def test_another_municipalitys_names_are_free(
    bergen: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative("Datasjø")
    rows = [HEADERS, ["Datasjø", "prosjekt", "Digitaliseringsavdelingen"]]
    assert file_problems(bergen, rows) == []


def test_an_empty_required_value_is_an_error(stavanger: Municipality) -> None:
    rows = [
        [*HEADERS, "Kort beskrivelse"],
        ["", "prosjekt", "Smartby", "Sensorer i sluk"],
        ["Droner", "", "Smartby"],
    ]
    assert file_problems(stavanger, rows) == [
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
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))
    assert [(p.row, p.column) for p in preview.problems] == [(4, "Type")]


def test_more_than_20000_rows_is_refused_as_a_whole(stavanger: Municipality) -> None:
    rows = [HEADERS] + [[f"Tiltak {i}", "idé", "Smartby"] for i in range(20_001)]
    preview = check_file(stavanger, "tiltak.csv", csv_file(rows))

    assert preview.rows == []
    assert [str(p) for p in preview.problems] == [
        t(
            "The file has more than %(limit)s rows. Split it into smaller files.",
            limit="20\xa0000",
        )
    ]


def test_20000_rows_are_within_the_limit(stavanger: Municipality) -> None:
    rows = [HEADERS] + [[f"Tiltak {i}", "idé", "Smartby"] for i in range(20_000)]
    assert len(check_file(stavanger, "tiltak.csv", csv_file(rows)).rows) == 20_000


def test_a_column_not_in_the_template_is_mentioned_but_not_a_problem(
    stavanger: Municipality,
) -> None:
    rows = [
        [*HEADERS, "Kommentar", "Siste vurdering"],
        ["RPA", "prosjekt", "IT-avdelingen", "x", "grønn"],
    ]
    preview = check_file(stavanger, "tiltak.xlsx", xlsx_file(rows))

    assert preview.ok
    assert preview.notices == [
        t("The column “%(column)s” is not in the template and is not read.", column="Kommentar")
    ]


def test_internal_column_names_are_accepted(stavanger: Municipality) -> None:
    rows = [["name", "KIND", "owning_unit"], ["RPA", "project", "IT-avdelingen"]]
    assert check_file(stavanger, "tiltak.xlsx", xlsx_file(rows)).ok


def test_a_person_who_has_left_the_municipality_reads_back_unchanged(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    eier = User.objects.get(username="eier")
    make_initiative("RPA", project_owner=eier)
    Membership.objects.filter(user=eier, municipality=stavanger).delete()
    out = io.BytesIO()
    exchange.write_xlsx(exchange.export_rows(Initiative.objects.filter(name="RPA")), out)

    preview = check_file(stavanger, "eksport.xlsx", out.getvalue())

    assert preview.problems == []
    assert [row.action for row in preview.rows] == ["unchanged"]


def test_a_person_who_has_left_cannot_be_chosen_anew(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    eier = User.objects.get(username="eier")
    make_initiative("RPA")
    Membership.objects.filter(user=eier, municipality=stavanger).delete()
    rows = [[*HEADERS, "Prosjekteier"], ["RPA", "Prosjekt", "Innovasjon og digitalisering", "eier"]]

    assert file_problems(stavanger, rows) == [
        problem(
            2,
            "Prosjekteier",
            "No person in the municipality has the name or username “%(name)s”.",
            name="eier",
        )
    ]


def test_a_unit_whose_name_another_unit_shares_reads_back_unchanged(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    smartby = unit_named(stavanger, "Smartby")
    make_initiative("RPA", owning_unit="Smartby", m2m={"participating_units": [smartby]})
    OrgUnit.objects.create(
        municipality=stavanger, parent=None, kind=UnitKind.SERVICE_AREA, name="Smartby"
    )
    out = io.BytesIO()
    exchange.write_csv(exchange.export_rows(Initiative.objects.filter(name="RPA")), out)

    preview = check_file(stavanger, "eksport.csv", out.getvalue())

    assert preview.problems == []
    assert [row.action for row in preview.rows] == ["unchanged"]
