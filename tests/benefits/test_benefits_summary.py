"""The benefits overview's figures (benefits_summary), on a small set whose answers are
known: planned against realised value, freed time as full-time equivalents, the filters, the
lists of what is missing, and budget cuts made before their benefit is realised."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.models import BenefitSettings
from helhet.benefits.selectors import listings
from helhet.benefits.selectors.filters import BenefitFilters, benefits_filtered
from helhet.benefits.selectors.overview import BenefitsSummary, benefits_summary
from helhet.benefits.selectors.totals import hours_per_fte
from helhet.benefits.services.settings import benefit_settings_update
from helhet.organization.models import Municipality
from tests.benefits.overview_helpers import (
    TODAY,
    add_benefit,
    add_indicator,
    cut,
    initiative,
    measure,
)
from tests.conftest import unit_named

pytestmark = pytest.mark.django_db


def _summary(municipality: Municipality, **filters: object) -> BenefitsSummary:
    return benefits_summary(municipality, BenefitFilters(**filters), today=TODAY)  # type: ignore[arg-type]


def _dispensers(stavanger: Municipality) -> None:
    """The audit's dispensers: yearly cost 3,085,163 to 1,471,399, now measured at 2,000,000."""
    benefit = add_benefit(
        initiative(stavanger, "Medisindispensere"), "Lavere årskostnad", planned=1613764
    )
    yearly = add_indicator(benefit, unit="nok", baseline=3085163, target=1471399)
    measure(yearly, date(2025, 6, 1), 2500000)
    measure(yearly, date(2026, 1, 1), 2000000)


def test_realised_kroner_are_the_progress_of_the_amount_indicators_latest_measurement(
    stavanger: Municipality,
) -> None:
    _dispensers(stavanger)

    totals = _summary(stavanger).totals

    assert totals.planned_nok == Decimal("1613764")
    assert totals.realised_nok == Decimal("1085163")


def test_freed_hours_are_shown_as_full_time_equivalents_of_1695_hours_by_default(
    stavanger: Municipality,
) -> None:
    benefit = add_benefit(
        initiative(stavanger, "Robin"), "Spart tid", kind="indirect", planned=3390
    )
    measure(add_indicator(benefit, unit="hours", baseline=0, target=3390), TODAY, 1695)

    summary = _summary(stavanger)

    assert summary.hours_per_fte == Decimal(1695)
    assert summary.totals.planned_hours == Decimal(3390)
    assert summary.totals.planned_fte == Decimal(2)
    assert summary.totals.realised_hours == Decimal(1695)
    assert summary.totals.realised_fte == Decimal(1)


def test_a_changed_hours_per_fte_changes_the_full_time_equivalents(
    stavanger: Municipality,
) -> None:
    add_benefit(initiative(stavanger, "Robin"), "Spart tid", kind="indirect", planned=3000)
    benefit_settings_update(actor=None, municipality=stavanger, hours_per_fte=Decimal(1500))

    summary = _summary(stavanger)

    assert hours_per_fte(stavanger) == Decimal(1500)
    assert summary.totals.planned_fte == Decimal(2)


def test_an_indicator_in_fte_realises_hours_by_the_municipalitys_hours_per_fte(
    stavanger: Municipality,
) -> None:
    benefit = add_benefit(
        initiative(stavanger, "Byarkivet RPA"), "Digitale årsverk", kind="indirect", planned=20340
    )
    measure(add_indicator(benefit, unit="fte", baseline=0, target=12), TODAY, 2)

    assert _summary(stavanger).totals.realised_hours == Decimal(3390)


def test_a_benefit_marked_realised_without_an_amount_indicator_counts_its_planned_amount(
    stavanger: Municipality,
) -> None:
    add_benefit(initiative(stavanger, "Spider"), "Spart kjøring", planned=250000, status="realised")

    assert _summary(stavanger).totals.realised_nok == Decimal(250000)


def test_a_benefit_not_yet_measured_has_realised_nothing(stavanger: Municipality) -> None:
    benefit = add_benefit(initiative(stavanger, "Spider"), "Spart kjøring", planned=250000)
    add_indicator(benefit, unit="nok", baseline=500000, target=250000)

    totals = _summary(stavanger).totals

    assert totals.planned_nok == Decimal(250000)
    assert totals.realised_nok == 0


def test_a_measurement_moving_away_from_the_target_realises_a_loss(
    stavanger: Municipality,
) -> None:
    benefit = add_benefit(initiative(stavanger, "Spider"), "Spart kjøring", planned=250000)
    measure(add_indicator(benefit, unit="nok", baseline=500000, target=250000), TODAY, 520000)

    assert _summary(stavanger).totals.realised_nok == Decimal(-20000)


def test_qualitative_benefits_are_counted_but_valued_at_nothing(stavanger: Municipality) -> None:
    project = initiative(stavanger, "Spider")
    add_benefit(project, "Bedre arbeidsmiljø", kind="qualitative", status="realised")
    add_benefit(project, "Spart kjøring", planned=250000)

    summary = _summary(stavanger)
    qualitative = next(line for line in summary.by_kind if line.key == "qualitative")

    assert summary.totals.count == 2
    assert qualitative.figures.count == 1
    assert qualitative.figures.planned_nok == qualitative.figures.realised_nok == 0
    assert summary.totals.realised_nok == 0


def test_breakdowns_show_every_dimension_the_service_area_and_the_due_year(
    stavanger: Municipality,
) -> None:
    add_benefit(
        initiative(stavanger, "Spider"), "Spart kjøring", planned=100, due_date=date(2027, 6, 1)
    )
    add_benefit(
        initiative(stavanger, "Robin", unit="Systemforvaltning"),
        "Færre feil",
        planned=50,
        dimension="quality",
    )

    summary = _summary(stavanger)

    assert [line.key for line in summary.by_dimension] == [
        "economy",
        "quality",
        "information_security",
        "climate_environment",
    ]
    assert [line.figures.planned_nok for line in summary.by_dimension] == [100, 50, 0, 0]
    assert [(line.label, line.figures.count) for line in summary.by_service_area] == [
        ("Helse og velferd", 1),
        ("Innovasjon og støttetjenester", 1),
    ]
    assert [(line.key, line.label) for line in summary.by_year] == [
        ("2027", "2027"),
        ("", _("Without a date")),
    ]


@pytest.mark.parametrize(
    "name",
    ["initiative", "owner", "dimension", "category", "kind", "status", "unit", "year", "overdue"],
)
def test_each_filter_narrows_the_benefits(stavanger: Municipality, name: str) -> None:
    wanted = add_benefit(
        initiative(stavanger, "Spider", unit="Hundvåg hjemmebaserte tjenester"),
        "Spart kjøring",
        planned=100,
        dimension="climate_environment",
        category="other_actors",
        status="being_realised",
        due_date=date(2027, 6, 1),
    )
    add_indicator(wanted, unit="nok", baseline=200, target=100)  # never measured: overdue
    other = add_benefit(
        initiative(stavanger, "Robin", unit="Systemforvaltning"),
        "Færre feil",
        kind="indirect",
        planned=100,
        owners=("eier",),
        due_date=date(2028, 6, 1),
    )
    measure(add_indicator(other, unit="hours", baseline=0, target=100), TODAY, 10)
    values = {
        "initiative": wanted.initiative_id,
        "owner": User.objects.get(username="gevinsteier").pk,
        "dimension": "climate_environment",
        "category": "other_actors",
        "kind": "direct",
        "status": "being_realised",
        "unit": unit_named(stavanger, "Hjemmebaserte tjenester").pk,
        "year": 2027,
        "overdue": True,
    }
    filters = BenefitFilters(**{name: values[name]})  # type: ignore[arg-type]

    assert list(benefits_filtered(stavanger, filters, today=TODAY)) == [wanted]
    assert benefits_summary(stavanger, filters, today=TODAY).totals.count == 1


def test_overdue_means_a_followed_benefit_whose_last_measurement_is_over_an_interval_old(
    stavanger: Municipality,
) -> None:
    project = initiative(stavanger, "Spider")
    never_measured = add_benefit(project, "Aldri målt", planned=1)
    add_indicator(never_measured, unit="nok", baseline=2, target=1)  # yearly since 1 Jan 2025
    recently = add_benefit(project, "Nylig målt", planned=1)
    measure(add_indicator(recently, unit="nok", baseline=2, target=1), date(2026, 1, 1), 2)
    realised = add_benefit(project, "Realisert", planned=1, status="realised")
    add_indicator(realised, unit="nok", baseline=2, target=1)

    overdue = _summary(stavanger).overdue

    assert overdue.total == 1
    assert [benefit.title for benefit in overdue.rows] == ["Aldri målt"]


def test_benefits_without_an_owner_are_listed_while_they_are_followed_up(
    stavanger: Municipality,
) -> None:
    project = initiative(stavanger, "Spider")
    add_benefit(project, "Uten eier", planned=1, owners=())
    add_benefit(project, "Med eier", planned=1)
    add_benefit(project, "Forkastet uten eier", planned=1, owners=(), status="abandoned")

    listing = _summary(stavanger).without_owner

    assert [benefit.title for benefit in listing.rows] == ["Uten eier"]


def test_benefits_without_an_indicator_have_no_baseline_and_are_listed(
    stavanger: Municipality,
) -> None:
    project = initiative(stavanger, "Spider")
    add_benefit(project, "Uten indikator", planned=1)
    add_indicator(
        add_benefit(project, "Med indikator", planned=1), unit="nok", baseline=2, target=1
    )

    listing = _summary(stavanger).without_indicator

    assert [benefit.title for benefit in listing.rows] == ["Uten indikator"]


def test_a_list_shows_its_first_rows_and_counts_them_all(
    stavanger: Municipality, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listings, "LIST_LIMIT", 2)
    project = initiative(stavanger, "Spider")
    for title in ("A", "B", "C"):
        add_benefit(project, title, planned=1, owners=())

    listing = _summary(stavanger).without_owner

    assert listing.total == 3
    assert [benefit.title for benefit in listing.rows] == ["A", "B"]
    assert listing.more == 1


def test_active_initiatives_without_any_benefit_are_listed(stavanger: Municipality) -> None:
    initiative(stavanger, "Uten plan")
    initiative(stavanger, "Fullført uten plan", status="completed", actual_end=date(2025, 1, 1))
    add_benefit(initiative(stavanger, "Med plan"), "Spart tid", planned=1)

    listing = _summary(stavanger).initiatives_without_plan

    assert [found.name for found in listing.rows] == ["Uten plan"]


def test_the_unit_filter_narrows_the_initiatives_without_a_plan(stavanger: Municipality) -> None:
    initiative(stavanger, "I hjemmetjenesten")
    initiative(stavanger, "I IT", unit="Systemforvaltning")

    listing = _summary(stavanger, unit=unit_named(stavanger, "IT-avdelingen").pk)

    assert [found.name for found in listing.initiatives_without_plan.rows] == ["I IT"]


def test_a_cut_from_a_started_budget_year_before_the_benefit_is_realised_is_a_risk(
    stavanger: Municipality,
) -> None:
    project = initiative(stavanger, "Medisindispensere")
    halfway = add_benefit(project, "Halvveis", planned=1000000)
    measure(add_indicator(halfway, unit="nok", baseline=2000000, target=1000000), TODAY, 1500000)
    risky = cut(halfway, 1000000, 2026)
    cut(halfway, 1000000, 2027)  # the budget year has not started
    covered = add_benefit(project, "Nådd", planned=300000)
    measure(add_indicator(covered, unit="nok", baseline=600000, target=300000), TODAY, 300000)
    cut(covered, 300000, 2026)
    marked = add_benefit(project, "Realisert", planned=200000, status="realised")
    cut(marked, 200000, 2025)

    summary = _summary(stavanger)

    assert summary.cuts_at_risk.total == 1
    assert [row.cut for row in summary.cuts_at_risk.rows] == [risky]
    assert summary.cuts_at_risk.rows[0].realised == Decimal(500000)
    assert summary.cuts_at_risk.rows[0].shortfall == Decimal(500000)
    assert [(year.year, year.amount, year.at_risk_count) for year in summary.cuts_by_year] == [
        (2025, Decimal(200000), 0),
        (2026, Decimal(1300000), 1),
        (2027, Decimal(1000000), 0),
    ]
    assert [year.started for year in summary.cuts_by_year] == [True, True, False]


def test_a_cut_from_freed_time_is_covered_only_once_the_benefit_is_marked_realised(
    stavanger: Municipality,
) -> None:
    benefit = add_benefit(
        initiative(stavanger, "Robin"), "Spart tid", kind="indirect", planned=2000
    )
    measure(add_indicator(benefit, unit="hours", baseline=0, target=2000), TODAY, 2000)
    cut(benefit, 500000, 2026)

    assert _summary(stavanger).cuts_at_risk.total == 1


def test_a_benefit_cut_twice_in_one_year_counts_its_realised_value_once(
    stavanger: Municipality,
) -> None:
    benefit = add_benefit(initiative(stavanger, "Medisindispensere"), "Halvveis", planned=1000)
    measure(add_indicator(benefit, unit="nok", baseline=2000, target=1000), TODAY, 1400)
    cut(benefit, 300, 2026)
    cut(benefit, 300, 2026, unit="Hundvåg hjemmebaserte tjenester")

    (year,) = _summary(stavanger).cuts_by_year

    assert (year.amount, year.realised, year.at_risk_count) == (Decimal(600), Decimal(600), 0)


def test_the_cuts_follow_the_filters_and_another_municipalitys_cuts_never_count(
    stavanger: Municipality, bergen: Municipality
) -> None:
    project = initiative(stavanger, "Medisindispensere")
    cut(add_benefit(project, "Billigere drift", planned=1000), 1000, 2026)
    cut(add_benefit(project, "Bedre kvalitet", planned=500, dimension="quality"), 500, 2026)
    digital = "Digitaliseringsavdelingen"
    bergens = add_benefit(
        initiative(bergen, "Bergens", unit=digital), "Bergens", planned=700, owners=()
    )
    cut(bergens, 700, 2026, unit=digital)

    unfiltered = _summary(stavanger).cuts_by_year
    by_quality = _summary(stavanger, dimension="quality").cuts_by_year

    assert [(year.count, year.amount) for year in unfiltered] == [(2, Decimal(1500))]
    assert [(year.count, year.amount) for year in by_quality] == [(1, Decimal(500))]


def test_another_municipalitys_benefits_are_never_counted(
    stavanger: Municipality, bergen: Municipality
) -> None:
    _dispensers(stavanger)
    theirs = add_benefit(
        initiative(bergen, "Bergens dispensere", unit="Etat for hjemmebaserte tjenester"),
        "Bergens gevinst",
        planned=999,
        owners=(),
    )
    cut(theirs, 999, 2026, unit="Etat for hjemmebaserte tjenester")
    initiative(bergen, "Bergen uten plan", unit="Digitaliseringsavdelingen")

    ours = _summary(stavanger)
    by_their_unit = _summary(
        stavanger, unit=unit_named(bergen, "Etat for hjemmebaserte tjenester").pk
    )

    assert ours.totals.count == 1
    assert ours.totals.planned_nok == Decimal(1613764)
    assert ours.without_owner.total == 0
    assert ours.initiatives_without_plan.total == 0
    assert ours.cuts_by_year == []
    assert by_their_unit.totals.count == 0
    assert list(benefits_filtered(stavanger, BenefitFilters(), today=TODAY)) != []
    assert theirs not in benefits_filtered(stavanger, BenefitFilters(), today=TODAY)


def test_the_settings_default_to_1695_hours_without_a_record(stavanger: Municipality) -> None:
    assert not BenefitSettings.objects.filter(municipality=stavanger).exists()
    assert hours_per_fte(stavanger) == Decimal(1695)
