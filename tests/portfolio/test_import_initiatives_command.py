"""``manage.py import_initiatives FILE --municipality SLUG [--dry-run]``: the same checks as the
import page; every problem printed by row and column, and nothing written if there is one."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.portfolio.exchange_files import HEADERS, csv_file, portfolio_state, problem, t, xlsx_file

GOOD_ROWS = [HEADERS, ["RPA", "prosjekt", "IT-avdelingen"], ["Spider", "prosjekt", "Smartby"]]


def n(singular: str, plural: str, count: int, **params: object) -> str:
    with translation.override("nb"):
        return translation.ngettext(singular, plural, count) % {"count": count, **params}


def summary(new: int, changed: int = 0, unchanged: int = 0) -> str:
    """What an import does, as the command says it."""
    return ", ".join(
        (
            n("%(count)s new initiative", "%(count)s new initiatives", new),
            n("%(count)s changed", "%(count)s changed", changed),
            n("%(count)s unchanged", "%(count)s unchanged", unchanged),
        )
    )


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_initiatives", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_clean_file_is_imported(tmp_path: Path, stavanger: Municipality) -> None:
    out, _err = _run(
        _file(tmp_path, "tiltak.xlsx", xlsx_file(GOOD_ROWS)), "--municipality", "stavanger"
    )

    assert sorted(
        Initiative.objects.filter(municipality=stavanger).values_list("name", flat=True)
    ) == [
        "RPA",
        "Spider",
    ]
    assert out.strip() == t(
        "Imported into %(municipality)s: %(what)s.",
        municipality="Stavanger kommune",
        what=summary(2),
    )


def test_a_second_import_of_the_same_file_changes_nothing(
    tmp_path: Path, stavanger: Municipality
) -> None:
    path = _file(tmp_path, "tiltak.xlsx", xlsx_file(GOOD_ROWS))
    _run(path, "--municipality", "stavanger")
    before = portfolio_state()

    out, _err = _run(path, "--municipality", "stavanger")

    assert portfolio_state() == before
    assert out.strip() == t(
        "Imported into %(municipality)s: %(what)s.",
        municipality="Stavanger kommune",
        what=summary(0, unchanged=2),
    )


def test_the_history_names_the_user_given(tmp_path: Path, stavanger: Municipality) -> None:
    path = _file(tmp_path, "tiltak.csv", csv_file(GOOD_ROWS))
    _run(path, "--municipality", "stavanger", "--user", "portefolje")

    rpa = Initiative.objects.get(name="RPA")
    assert {h.history_user for h in rpa.history.all()} == {User.objects.get(username="portefolje")}


def test_a_dry_run_checks_and_writes_nothing(tmp_path: Path, stavanger: Municipality) -> None:
    before = portfolio_state()
    out, _err = _run(
        _file(tmp_path, "tiltak.xlsx", xlsx_file(GOOD_ROWS)),
        "--municipality",
        "stavanger",
        "--dry-run",
    )

    assert portfolio_state() == before
    assert out.strip() == t("The file has no problems. It would import %(what)s.", what=summary(2))


def test_problems_are_printed_by_row_and_column_and_nothing_is_written(
    tmp_path: Path, stavanger: Municipality
) -> None:
    rows = [
        [*HEADERS, "Planlagt start"],
        ["RPA", "prosjekt", "IT-avdelinga", ""],
        ["Spider", "prosjekt", "Smartby", "31.02.2024"],
    ]
    before = portfolio_state()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_initiatives",
            _file(tmp_path, "tiltak.xlsx", xlsx_file(rows)),
            "--municipality",
            "stavanger",
            stdout=StringIO(),
            stderr=err,
        )

    assert err.getvalue().splitlines() == [
        problem(
            2, "Eierenhet", "No unit named “%(name)s” in the municipality.", name="IT-avdelinga"
        ),
        problem(3, "Planlagt start", "“%(value)s” is not a date that exists.", value="31.02.2024"),
    ]
    assert portfolio_state() == before


def test_a_dry_run_with_problems_fails_too(tmp_path: Path, stavanger: Municipality) -> None:
    path = _file(tmp_path, "tiltak.csv", csv_file([["Navn", "Type"], ["RPA", "prosjekt"]]))
    with pytest.raises(CommandError):
        _run(path, "--municipality", "stavanger", "--dry-run")


def test_a_file_that_is_not_a_spreadsheet_is_refused(
    tmp_path: Path, stavanger: Municipality
) -> None:
    path = _file(tmp_path, "tiltak.xlsx", b"%PDF-1.7\n")
    with pytest.raises(CommandError, match="xlsx"):
        _run(path, "--municipality", "stavanger")


def test_an_unknown_municipality_is_an_error(tmp_path: Path, stavanger: Municipality) -> None:
    path = _file(tmp_path, "tiltak.xlsx", xlsx_file(GOOD_ROWS))
    with pytest.raises(CommandError) as error:
        _run(path, "--municipality", "oslo")
    assert str(error.value) == t("No municipality with the short name “%(slug)s”.", slug="oslo")
    assert not Initiative.objects.exists()


def test_a_missing_file_is_an_error(tmp_path: Path, stavanger: Municipality) -> None:
    with pytest.raises(CommandError):
        _run(str(tmp_path / "finnes-ikke.xlsx"), "--municipality", "stavanger")


def test_the_command_exits_non_zero_on_problems(tmp_path: Path, stavanger: Municipality) -> None:
    """Run as a user runs it: the exit status tells a script that the import failed."""
    from django.core.management import ManagementUtility

    path = _file(tmp_path, "tiltak.csv", csv_file([["Navn"], ["RPA"]]))
    utility = ManagementUtility(
        ["manage.py", "import_initiatives", path, "--municipality", "stavanger"]
    )
    with pytest.raises(SystemExit) as exit_:
        utility.execute()
    assert exit_.value.code != 0
