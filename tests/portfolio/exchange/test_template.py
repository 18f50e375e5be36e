"""helhet/portfolio/exchange/ (template): The import template: its columns, its guide, and that it
reads back empty."""

import io

from openpyxl import load_workbook  # type: ignore[import-untyped]

from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from tests.portfolio.exchange_files import (
    t,
)


def test_the_template_has_the_columns_in_norwegian_and_a_sheet_explaining_them() -> None:
    out = io.BytesIO()
    exchange.template_workbook(out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))

    headers = [cell.value for cell in workbook.worksheets[0][1]]
    assert headers[:3] == ["Navn", "Type", "Eierenhet"]
    assert {"Planlagt start", "Estimert kostnad", "Prosjektleder", "ROS-status"} <= set(headers)
    guide = [row for row in workbook.worksheets[1].iter_rows(values_only=True) if row[0]]
    explained = {row[0]: row for row in guide}
    assert set(headers) <= set(explained)
    assert "Idé" in explained["Type"][3]
    assert "Stanset" in explained["Status"][3]
    assert {"ID", "Versjon", "DPIA-status", "Databehandleravtale"} <= set(headers)


def test_the_empty_template_reads_back_with_every_column_and_no_rows(
    stavanger: Municipality,
) -> None:
    out = io.BytesIO()
    exchange.template_workbook(out)
    table = exchange.read_table("mal.xlsx", out.getvalue())
    preview = exchange.check_import(municipality=stavanger, table=table)

    assert table.headers == [column.header for column in exchange.COLUMNS]
    assert [str(p) for p in preview.problems] == [
        t("The file has no initiatives below the column names.")
    ]
