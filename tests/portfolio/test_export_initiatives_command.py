"""``manage.py export_initiatives --municipality SLUG --format xlsx|csv --output FILE``."""

from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.exchange_files import read_xlsx


def _run(*args: str) -> str:
    out = StringIO()
    call_command("export_initiatives", *args, stdout=out)
    return out.getvalue()


def test_the_xlsx_holds_the_municipalitys_initiatives(
    tmp_path: Path,
    make_initiative: MakeInitiative,
    bergen: Municipality,
    security_log: Callable[[], list[dict[str, Any]]],
) -> None:
    make_initiative("RPA")
    make_initiative("Datasjø")
    make_initiative("Bergens eget", municipality=bergen, owning_unit="Digitaliseringsavdelingen")
    output = tmp_path / "portefolje.xlsx"

    _run("--municipality", "stavanger", "--format", "xlsx", "--output", str(output))

    rows = read_xlsx(output.read_bytes())
    assert rows[0][:3] == ["Navn", "Type", "Eierenhet"]
    assert [row[0] for row in rows[1:]] == ["Datasjø", "RPA"]
    # The file names people (owners, leaders): the export is in the security log.
    (logged,) = security_log()
    assert (logged["event"], logged["export"], logged["filename"]) == (
        "export.personal_data",
        "portfolio.xlsx",
        str(output),
    )


def test_the_csv_is_for_norwegian_excel_and_neutralises_formulas(
    tmp_path: Path, make_initiative: MakeInitiative
) -> None:
    make_initiative("=2+2")
    output = tmp_path / "portefolje.csv"

    _run("--municipality", "stavanger", "--format", "csv", "--output", str(output))

    content = output.read_bytes()
    assert content.startswith(b"\xef\xbb\xbfNavn;Type;Eierenhet;")
    assert "\r\n'=2+2;Prosjekt;" in content.decode("utf-8-sig")


def test_the_export_imports_again(
    tmp_path: Path, make_initiative: MakeInitiative, stavanger: Municipality
) -> None:
    make_initiative("RPA", estimated_cost=1234567)
    output = tmp_path / "portefolje.csv"
    _run("--municipality", "stavanger", "--format", "csv", "--output", str(output))

    table = exchange.read_table(output.name, output.read_bytes())
    preview = exchange.check_import(municipality=stavanger, table=table)

    assert preview.problems == []
    assert [row.action for row in preview.rows] == ["unchanged"]


def test_an_unknown_municipality_is_an_error(tmp_path: Path, stavanger: Municipality) -> None:
    with pytest.raises(CommandError):
        _run("--municipality", "oslo", "--output", str(tmp_path / "x.xlsx"))
