"""initiative_create and initiative_update: what they accept, what they refuse, and that two
people saving the same version never overwrite each other silently."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import (
    FundingSourceKind,
    GoalKind,
    GoalLevel,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
)
from helhet.portfolio.services import (
    ConcurrentEditError,
    FundingLine,
    goal_create,
    initiative_create,
    initiative_update,
)
from tests.conftest import unit_named
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.initiative_fixtures import portfolio_state


def test_an_initiative_is_registered_with_only_name_kind_and_owning_unit(
    stavanger: Municipality,
) -> None:
    initiative = initiative_create(
        actor=User.objects.get(username="portefolje"),
        municipality=stavanger,
        name="  RPA  ",
        kind=InitiativeKind.PROJECT,
        owning_unit=unit_named(stavanger, "Innovasjon og digitalisering"),
    )

    initiative.refresh_from_db()
    assert initiative.name == "RPA"
    assert initiative.status == InitiativeStatus.ACTIVE
    assert initiative.version == 1
    assert initiative.history.get().history_user.username == "portefolje"


def test_a_second_save_of_the_same_version_is_refused_listing_what_the_first_changed(
    make_initiative: MakeInitiative,
) -> None:
    initiative = make_initiative("Spider", owning_unit="E-helse og velferdsteknologi")
    first, second = User.objects.get(username="portefolje"), User.objects.get(username="admin")
    opened = initiative.version  # both open version 1
    initiative_update(
        actor=first,
        initiative=initiative,
        expected_version=opened,
        fields={"estimated_cost": Decimal("250000")},
    )
    before = portfolio_state()

    with pytest.raises(ConcurrentEditError) as refused:
        initiative_update(
            actor=second,
            initiative=initiative,
            expected_version=opened,
            fields={"name": "Spider ruteoptimalisering", "status": InitiativeStatus.PAUSED},
            tags=["ruteoptimalisering"],
            funding=[FundingLine(FundingSourceKind.OWN_BUDGET, Decimal("1000"))],
        )

    assert refused.value.by == "Lars Eide"
    [change] = refused.value.changes
    assert change.field == capfirst(str(Initiative._meta.get_field("estimated_cost").verbose_name))
    assert (change.old, change.new) == ("–", "250\u00a0000 kr")
    assert portfolio_state() == before
    initiative.refresh_from_db()
    assert initiative.name == "Spider"
    assert initiative.version == opened + 1


def test_the_name_is_unique_in_the_municipality_whatever_the_case(
    make_initiative: MakeInitiative,
) -> None:
    make_initiative("MinSide")
    before = portfolio_state()
    with pytest.raises(ValidationError) as refused:
        make_initiative("minside")
    assert "name" in refused.value.message_dict
    assert portfolio_state() == before


@pytest.mark.parametrize(("first", "second"), [("Datasjø", "DATASJØ"), ("Spider", "Spider")])
def test_the_name_check_knows_norwegian_letters_and_exact_twins(
    first: str, second: str, make_initiative: MakeInitiative
) -> None:
    make_initiative(first)
    before = portfolio_state()
    with pytest.raises(ValidationError) as refused:
        make_initiative(second)
    assert list(refused.value.message_dict) == ["name"]
    assert portfolio_state() == before


def test_renaming_onto_another_initiatives_name_is_refused(
    make_initiative: MakeInitiative,
) -> None:
    make_initiative("MinSide")
    other = make_initiative("FIKS")
    with pytest.raises(ValidationError) as refused:
        initiative_update(
            actor=None, initiative=other, expected_version=1, fields={"name": "minside"}
        )
    assert "name" in refused.value.message_dict
    other.refresh_from_db()
    assert other.name == "FIKS"


def test_another_municipality_may_use_the_same_name(
    make_initiative: MakeInitiative, bergen: Municipality
) -> None:
    make_initiative("Datasjø")
    make_initiative("Datasjø", municipality=bergen, owning_unit="Digitaliseringsavdelingen")
    assert Initiative.objects.filter(name="Datasjø").count() == 2


def test_stopping_an_initiative_needs_a_reason(make_initiative: MakeInitiative) -> None:
    initiative = make_initiative("Mitt Stavanger", owning_unit="Smartby")
    with pytest.raises(ValidationError) as refused:
        initiative_update(
            actor=None,
            initiative=initiative,
            expected_version=1,
            fields={"status": InitiativeStatus.STOPPED, "stop_reason": "  "},
        )
    assert "stop_reason" in refused.value.message_dict

    stopped = initiative_update(
        actor=None,
        initiative=initiative,
        expected_version=1,
        fields={"status": InitiativeStatus.STOPPED, "stop_reason": "Leverte ikke det vi håpet."},
    )
    assert stopped.status == InitiativeStatus.STOPPED


def test_the_planned_end_cannot_be_before_the_planned_start(
    make_initiative: MakeInitiative,
) -> None:
    initiative = make_initiative("Kvikktest Lervig", owning_unit="Smartby")
    with pytest.raises(ValidationError) as refused:
        initiative_update(
            actor=None,
            initiative=initiative,
            expected_version=1,
            fields={"planned_start": date(2020, 12, 1), "planned_end": date(2020, 6, 1)},
        )
    assert "planned_end" in refused.value.message_dict
    initiative.refresh_from_db()
    assert initiative.planned_start is None
    assert initiative.version == 1


def test_a_unit_of_another_municipality_is_refused_as_owning_unit(
    stavanger: Municipality, bergen: Municipality
) -> None:
    with pytest.raises(ValidationError) as refused:
        initiative_create(
            actor=None,
            municipality=stavanger,
            name="Bergen-enhet",
            kind=InitiativeKind.PROJECT,
            owning_unit=unit_named(bergen, "Digitaliseringsavdelingen"),
        )
    assert "owning_unit" in refused.value.message_dict
    assert not Initiative.objects.exists()


def test_a_participating_unit_of_another_municipality_is_refused(
    make_initiative: MakeInitiative, bergen: Municipality
) -> None:
    initiative = make_initiative("DigiBarnevern")
    before = portfolio_state()
    with pytest.raises(ValidationError):
        initiative_update(
            actor=None,
            initiative=initiative,
            expected_version=1,
            fields={},
            m2m={"participating_units": [unit_named(bergen, "Digitaliseringsavdelingen")]},
        )
    assert portfolio_state() == before


def test_a_goal_of_another_municipality_is_refused(
    make_initiative: MakeInitiative, bergen: Municipality
) -> None:
    initiative = make_initiative("SvarUt-optimalisering")
    bergen_goal = goal_create(
        actor=None,
        municipality=bergen,
        name="Bergens digitaliseringsstrategi",
        level=GoalLevel.MUNICIPAL,
        kind=GoalKind.STRATEGY,
    )
    before = portfolio_state()
    with pytest.raises(ValidationError):
        initiative_update(
            actor=None,
            initiative=initiative,
            expected_version=1,
            fields={},
            m2m={"goals": [bergen_goal]},
        )
    assert portfolio_state() == before


def test_an_update_sets_units_tags_and_funding(
    make_initiative: MakeInitiative, stavanger: Municipality
) -> None:
    initiative = make_initiative("Medisindispensere", owning_unit="E-helse og velferdsteknologi")
    updated = initiative_update(
        actor=None,
        initiative=initiative,
        expected_version=1,
        fields={"estimated_cost": Decimal("1613764")},
        m2m={"participating_units": [unit_named(stavanger, "Hundvåg hjemmebaserte tjenester")]},
        tags=["velferdsteknologi", "velferdsteknologi", " legemidler "],
        funding=[
            FundingLine(FundingSourceKind.DIGITALISATION_FUND, Decimal("300000"), "Søknad 2021"),
            FundingLine(FundingSourceKind.OWN_BUDGET, Decimal("100000")),
        ],
    )
    assert updated.version == 2
    assert sorted(updated.tags.values_list("name", flat=True)) == [
        "legemidler",
        "velferdsteknologi",
    ]
    assert [u.name for u in updated.participating_units.all()] == [
        "Hundvåg hjemmebaserte tjenester"
    ]
    assert sum(s.amount for s in updated.funding_sources.all()) == Decimal("400000")


def test_a_two_megabyte_need_is_refused_by_the_service_and_nothing_is_written(
    make_initiative: MakeInitiative,
) -> None:
    initiative = make_initiative("Spider", owning_unit="E-helse og velferdsteknologi")
    before = portfolio_state()

    with pytest.raises(ValidationError) as refused:
        initiative_update(
            actor=User.objects.get(username="portefolje"),
            initiative=initiative,
            expected_version=initiative.version,
            fields={"need": "x" * 2_000_000},
        )

    assert list(refused.value.message_dict) == ["need"]
    assert portfolio_state() == before
