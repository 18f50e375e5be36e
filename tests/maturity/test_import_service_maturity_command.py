"""``manage.py import_service_maturity FILE --municipality SLUG --date YYYY-MM-DD [--source]``:
what it did and the answers it could not classify; every problem in Norwegian and a failing
exit when the file is refused, with nothing written."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from helhet.maturity.models import Assessment
from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.maturity.matrix_catalogue import catalogue_area
from tests.portfolio.exchange_files import csv_file, problem, t

DATA = Path(__file__).resolve().parents[2] / "helhet/demo/data/service-maturity-stavanger-2021.csv"
AREAS = ("Oppvekst og utdanning", "Helse og velferd", "Plan, bygg og geodata")


@pytest.fixture
def areas(stavanger: Municipality) -> None:
    for name in AREAS:
        catalogue_area(stavanger, name)


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_service_maturity", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def n(singular: str, plural: str, count: int, **params: object) -> str:
    with translation.override("nb"):
        return translation.ngettext(singular, plural, count) % {"count": count, **params}


def test_the_audits_table_is_imported_and_the_unclassified_answers_listed(
    stavanger: Municipality, areas: None
) -> None:
    out, _err = _run(
        str(DATA), "--municipality", "stavanger", "--date", "2021-06-30", "--source", "Tabell 2"
    )

    lines = out.splitlines()
    assert lines[0] == n(
        "%(count)s service was assessed on %(date)s in %(municipality)s.",
        "%(count)s services were assessed on %(date)s in %(municipality)s.",
        24,
        date="30.06.2021",
        municipality="Stavanger kommune",
    ) + " " + n(
        "%(new)s of them is new in the catalogue.",
        "%(new)s of them are new in the catalogue.",
        24,
        new=24,
    )
    assert (
        t(
            "Row %(row)s, %(service)s, %(level)s: “%(text)s”",
            row=3,
            service="Barnehage – søknad om redusert pris",
            level=t("Electronic transfer to the case system"),
            text="Registreres manuelt.",
        )
        in lines
    )
    assert len(lines) == 2 + 9
    assert set(Assessment.objects.values_list("source", flat=True)) == {"Tabell 2"}


def test_a_refused_file_prints_every_problem_and_fails(
    tmp_path: Path, stavanger: Municipality, areas: None
) -> None:
    path = tmp_path / "modenhet.csv"
    path.write_bytes(
        csv_file(
            [
                [
                    "service_area",
                    "service",
                    "electronic_application",
                    "electronic_transfer",
                    "electronic_answer",
                ],
                ["Kultur", "Kulturkort", "Ja", "Ja", "Ja"],
            ]
        )
    )
    before = database_state()
    err = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command(
            "import_service_maturity",
            str(path),
            "--municipality",
            "stavanger",
            "--date",
            "2021-06-30",
            stderr=err,
        )

    assert str(raised.value) == n(
        "The file has %(count)s problem. Nothing was imported.",
        "The file has %(count)s problems. Nothing was imported.",
        1,
    )
    assert err.getvalue().strip() == problem(
        2,
        "service_area",
        "There is no service area “%(name)s”. Create it under Service areas, or correct the name.",
        name="Kultur",
    )
    assert database_state() == before


def test_an_unknown_municipality_is_refused(db: None) -> None:
    with pytest.raises(CommandError) as raised:
        _run(str(DATA), "--municipality", "atlantis", "--date", "2021-06-30")

    assert str(raised.value) == t(
        "No municipality with the short name “%(slug)s”.", slug="atlantis"
    )


def test_a_date_not_written_as_iso_is_refused(stavanger: Municipality) -> None:
    with pytest.raises(CommandError) as raised:
        _run(str(DATA), "--municipality", "stavanger", "--date", "30.06.2021")

    assert str(raised.value) == t("Enter a date as YYYY-MM-DD.")
