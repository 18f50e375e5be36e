"""helhet/portfolio/exchange/ (the round trip): an exported file imports again into the same
municipality without a refusal, every row unchanged; a changed cell is shown and written as a
change of that initiative, a new row as a new initiative, all at once with the importer in the
history."""

import io
from decimal import Decimal

import pytest

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from helhet.portfolio.filters import PortfolioFilter, filtered_initiatives
from helhet.portfolio.models import Initiative
from helhet.portfolio.services import FundingLine, initiative_update
from tests.portfolio.exchange.helpers import check_file
from tests.portfolio.exchange_files import csv_file, read_xlsx, xlsx_file


@pytest.fixture
def demo_portfolio(whole_demo: None, db: None) -> Municipality:
    """Stavanger with the whole demo portfolio (methods, phases, funding, status reports)."""
    return Municipality.objects.get(slug="stavanger")


def _exported(municipality: Municipality, extension: str) -> bytes:
    """The municipality's whole portfolio as the overview's export writes it."""
    out = io.BytesIO()
    write = exchange.write_xlsx if extension == "xlsx" else exchange.write_csv
    initiatives = filtered_initiatives(municipality=municipality, filters=PortfolioFilter())
    write(exchange.export_rows(initiatives), out)
    return out.getvalue()


def _actions(preview: exchange.ImportPreview) -> dict[str, str]:
    return {row.name: row.action for row in preview.rows}


def test_the_demo_portfolio_exported_imports_again_with_every_row_unchanged(
    demo_portfolio: Municipality,
) -> None:
    portefolje = User.objects.get(username="portefolje")
    count = Initiative.objects.filter(municipality=demo_portfolio).count()
    for extension in ("xlsx", "csv"):
        preview = check_file(
            demo_portfolio, f"eksport.{extension}", _exported(demo_portfolio, extension)
        )

        assert [str(problem) for problem in preview.problems] == []
        assert len(preview.rows) == count
        assert set(_actions(preview).values()) == {"unchanged"}
        assert (preview.new, preview.changed, preview.unchanged) == (0, 0, count)
        history = Initiative.history.count()
        exchange.import_rows(actor=portefolje, municipality=demo_portfolio, rows=preview.rows)
        assert Initiative.history.count() == history


def test_the_export_shows_names_method_phase_level_dpia_dpa_and_funding(
    demo_portfolio: Municipality,
) -> None:
    spider = Initiative.objects.get(municipality=demo_portfolio, name="Spider")
    initiative_update(
        actor=None,
        initiative=spider,
        expected_version=spider.version,
        fields={},
        funding=[
            FundingLine("digitalisation_fund", Decimal("800000")),
            FundingLine("own_budget", Decimal("52.50")),
        ],
    )
    rows = read_xlsx(_exported(demo_portfolio, "xlsx"))
    headers = rows[0]
    by_name = {row[headers.index("Navn")]: dict(zip(headers, row, strict=True)) for row in rows[1:]}
    for header in ("ID", "Metode", "Fase", "Nivå", "DPIA-status", "Databehandleravtale"):
        assert header in headers
    leaders = {row["Prosjektleder"] for row in by_name.values()} - {None}
    assert "Hanne Vik" in leaders
    assert "prosjektleder" not in leaders
    with_method = [row for row in by_name.values() if row["Metode"]]
    assert with_method and all(row["Fase"] and row["Nivå"] for row in with_method)
    assert by_name["Spider"]["Finansiering"] == (
        "Digitaliseringsfondet: 800\xa0000,00; Eget budsjett: 52,50"
    )
    assert by_name["Spider"]["Finansiering i alt"] == pytest.approx(800052.5)
    statuses = {row["Status"] for row in by_name.values()}
    assert statuses <= {"Aktiv", "Satt på pause", "Fullført", "Stanset"}


def test_a_changed_cell_is_a_change_and_a_new_row_is_new(demo_portfolio: Municipality) -> None:
    rows = read_xlsx(_exported(demo_portfolio, "xlsx"))
    headers = rows[0]
    name, need = headers.index("Navn"), headers.index("Behov")
    spider = next(row for row in rows if row[name] == "Spider")
    spider[need] = "Færre kjøremil i hjemmesykepleien."
    new: list[object] = [None] * len(headers)
    new[name], new[headers.index("Type")] = "Kartløsning", "Prosjekt"
    new[headers.index("Eierenhet")] = spider[headers.index("Eierenhet")]
    new[headers.index("Status")] = "Satt på pause"
    rows.append(new)
    before = Initiative.objects.get(municipality=demo_portfolio, name="Spider")

    preview = check_file(demo_portfolio, "eksport.xlsx", xlsx_file(rows))

    assert [str(problem) for problem in preview.problems] == []
    actions = _actions(preview)
    assert (actions["Spider"], actions["Kartløsning"]) == ("changed", "new")
    assert {a for n, a in actions.items() if n not in ("Spider", "Kartløsning")} == {"unchanged"}
    (changed,) = [row for row in preview.rows if row.action == "changed"]
    assert [(c.column, c.new) for c in changed.changes] == [
        ("Behov", "Færre kjøremil i hjemmesykepleien.")
    ]
    assert changed.changes[0].old == before.need

    portefolje = User.objects.get(username="portefolje")
    exchange.import_rows(actor=portefolje, municipality=demo_portfolio, rows=preview.rows)

    after = Initiative.objects.get(pk=before.pk)
    assert (after.need, after.version) == ("Færre kjøremil i hjemmesykepleien.", before.version + 1)
    latest = after.history.first()
    assert latest is not None and latest.history_user == portefolje
    kart = Initiative.objects.get(municipality=demo_portfolio, name="Kartløsning")
    assert kart.status == "paused"
    assert kart.history.get().history_user == portefolje


def test_a_row_is_matched_by_id_before_name_so_a_renamed_initiative_is_changed(
    demo_portfolio: Municipality,
) -> None:
    spider = Initiative.objects.get(municipality=demo_portfolio, name="Spider")
    rows = [["ID", "Navn", "Type", "Eierenhet"], [spider.pk, "Spider 2", "Prosjekt", "Smartby"]]

    preview = check_file(demo_portfolio, "tiltak.csv", csv_file(rows))

    assert [str(problem) for problem in preview.problems] == []
    (row,) = preview.rows
    assert (row.action, row.initiative) == ("changed", spider)
    assert {change.column for change in row.changes} == {"Navn", "Eierenhet"}


def test_an_id_of_another_municipality_changes_nothing_there(
    demo_portfolio: Municipality,
) -> None:
    other = Initiative.objects.exclude(municipality=demo_portfolio).first()
    assert other is not None
    rows = [["ID", "Navn", "Type", "Eierenhet"], [other.pk, "Kartløsning", "Prosjekt", "Smartby"]]

    preview = check_file(demo_portfolio, "tiltak.csv", csv_file(rows))
    exchange.import_rows(actor=None, municipality=demo_portfolio, rows=preview.rows)

    assert [row.action for row in preview.rows] == ["new"]
    assert Initiative.objects.get(pk=other.pk).name == other.name
    assert Initiative.objects.get(name="Kartløsning").municipality == demo_portfolio


def test_an_id_that_is_not_a_number_is_a_problem(demo_portfolio: Municipality) -> None:
    rows = [["ID", "Navn", "Type", "Eierenhet"], ["sju", "Spider", "Prosjekt", "Smartby"]]

    preview = check_file(demo_portfolio, "tiltak.csv", csv_file(rows))

    assert [(p.row, p.column) for p in preview.problems] == [(2, "ID")]


def test_a_change_to_an_initiative_saved_since_the_export_is_refused(
    demo_portfolio: Municipality,
) -> None:
    rows = read_xlsx(_exported(demo_portfolio, "xlsx"))
    headers = rows[0]
    spider = next(row for row in rows if row[headers.index("Navn")] == "Spider")
    spider[headers.index("Behov")] = "Endret i filen."
    initiative = Initiative.objects.get(municipality=demo_portfolio, name="Spider")
    initiative_update(
        actor=None,
        initiative=initiative,
        expected_version=initiative.version,
        fields={"estimated_cost": Decimal("1.00")},
    )

    preview = check_file(demo_portfolio, "eksport.xlsx", xlsx_file(rows))

    assert [(p.row, p.column) for p in preview.problems] == [(rows.index(spider) + 1, "Versjon")]


def test_if_one_changed_row_is_refused_when_writing_nothing_is_written(
    demo_portfolio: Municipality,
) -> None:
    rows = read_xlsx(_exported(demo_portfolio, "xlsx"))
    headers = rows[0]
    name, need = headers.index("Navn"), headers.index("Behov")
    for row in rows[1:]:
        if row[name] in ("Spider", "RPA"):
            row[need] = f"Nytt behov for {row[name]}"
    version = headers.index("Versjon")
    for row in rows[1:]:
        row[version] = None  # no version in the file: the one at the check is expected
    preview = check_file(demo_portfolio, "eksport.xlsx", xlsx_file(rows))
    assert sorted(row.name for row in preview.rows if row.action == "changed") == ["RPA", "Spider"]
    spider = Initiative.objects.get(municipality=demo_portfolio, name="Spider")
    initiative_update(  # someone saves Spider between the check and the import
        actor=None, initiative=spider, expected_version=spider.version, fields={"need": "Annet"}
    )
    history = Initiative.history.count()

    with pytest.raises(exchange.ImportFailed):
        exchange.import_rows(actor=None, municipality=demo_portfolio, rows=preview.rows)

    assert Initiative.history.count() == history
    assert Initiative.objects.get(municipality=demo_portfolio, name="RPA").need != (
        "Nytt behov for RPA"
    )
