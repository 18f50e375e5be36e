"""An initiative's history: who changed what, with the names of units, goals and people."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import FundingSource, FundingSourceKind
from helhet.portfolio.services import FundingLine, initiative_update
from tests.conftest import unit_named
from tests.portfolio.conftest import MakeInitiative


def test_the_history_names_who_changed_what_with_names_for_many_to_many(
    make_initiative: MakeInitiative, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative("AI4Cities", owning_unit="Smartby")
    initiative_update(
        actor=User.objects.get(username="portefolje"),
        initiative=initiative,
        expected_version=1,
        fields={"name": "AI4Cities – klimanøytral by"},
        m2m={"participating_units": [unit_named(stavanger, "Park og vei")]},
    )

    response = login("leser").get(f"/portefolje/tiltak/{initiative.pk}/historikk/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Lars Eide" in body
    assert "AI4Cities → AI4Cities – klimanøytral by" in body
    assert "Park og vei" in body


def test_a_project_leader_does_not_read_the_history(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative("AI4Cities", owning_unit="Smartby")
    response = login("prosjektleder").get(f"/portefolje/tiltak/{initiative.pk}/historikk/")
    assert response.status_code == 403


def _changes(body: str) -> str:
    """The history table's body, where the changes are listed."""
    return body.split("<tbody>")[1].split("</tbody>")[0]


def test_the_history_hides_the_internal_version_number(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative("AI4Cities", owning_unit="Smartby")
    initiative_update(
        actor=User.objects.get(username="portefolje"),
        initiative=initiative,
        expected_version=1,
        fields={"need": "Klimanøytral by innen 2030."},
    )

    changes = _changes(
        login("leser").get(f"/portefolje/tiltak/{initiative.pk}/historikk/").content.decode()
    )

    assert "Klimanøytral by innen 2030." in changes
    assert "ersjon" not in changes
    assert "1 → 2" not in changes


def test_dates_in_the_history_are_written_the_norwegian_way(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative("AI4Cities", owning_unit="Smartby")
    initiative_update(
        actor=User.objects.get(username="portefolje"),
        initiative=initiative,
        expected_version=1,
        fields={"planned_start": date(2027, 3, 1)},
    )

    changes = _changes(
        login("leser").get(f"/portefolje/tiltak/{initiative.pk}/historikk/").content.decode()
    )

    assert "– → 1. mars 2027" in changes
    assert "2027-03-01" not in changes


def test_adding_funding_is_in_the_history(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative("AI4Cities", owning_unit="Smartby")
    initiative_update(
        actor=User.objects.get(username="portefolje"),
        initiative=initiative,
        expected_version=1,
        fields={},
        funding=[FundingLine(FundingSourceKind.DIGITALISATION_FUND, Decimal("800000"))],
    )

    changes = _changes(
        login("leser").get(f"/portefolje/tiltak/{initiative.pk}/historikk/").content.decode()
    )

    assert "Finansieringskilde" in changes
    assert "Digitaliseringsfondet" in changes
    assert "800\xa0000 kr" in changes
    assert "Lars Eide" in changes


def test_saving_with_the_same_funding_adds_no_funding_lines_to_the_history(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    line = FundingLine(FundingSourceKind.DIGITALISATION_FUND, Decimal("800000"))
    initiative = make_initiative("AI4Cities", owning_unit="Smartby", funding=[line])
    before = FundingSource.history.count()
    initiative_update(
        actor=User.objects.get(username="portefolje"),
        initiative=initiative,
        expected_version=1,
        fields={"need": "Mer."},
        funding=[line, FundingLine(FundingSourceKind.OWN_BUDGET, Decimal("8452.50"))],
    )

    assert FundingSource.history.count() == before + 1
    changes = _changes(
        login("leser").get(f"/portefolje/tiltak/{initiative.pk}/historikk/").content.decode()
    )
    assert "8\xa0452,50 kr" in changes
