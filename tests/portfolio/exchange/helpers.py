"""Reading and checking a file in the tests of helhet/portfolio/exchange/."""

from typing import Any

import pytest

from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from tests.portfolio.exchange_files import (
    xlsx_file,
)


def check_file(municipality: Municipality, name: str, data: bytes) -> exchange.ImportPreview:
    """The file read and checked as the import page does."""
    return exchange.check_import(municipality=municipality, table=exchange.read_table(name, data))


def file_problems(municipality: Municipality, rows: list[Any]) -> list[str]:
    """The problems of an .xlsx holding the rows, as the page shows them."""
    preview = check_file(municipality, "tiltak.xlsx", xlsx_file(rows))
    return [str(p) for p in preview.problems]


def refused_message(name: str, data: bytes) -> str:
    """Why the file is refused as a whole."""
    with pytest.raises(exchange.FileRefused) as refused:
        exchange.read_table(name, data)
    return refused.value.message
