"""The demo portfolio: the initiatives the audit names, each valid, each in its municipality."""

from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from helhet.portfolio.models import Initiative, InitiativeKind, InitiativeStatus, StrategicGoal

AUDIT_INITIATIVES = {
    "RPA",
    "Datasjø",
    "MinSide",
    "Mitt Stavanger",
    "Kvikktest Lervig",
    "Kvikktest Øyriket",
    "Legevaktprosjektet",
    "Medisindispensere",
    "Spider",
    "DigiBarnevern",
    "Felles kommunal journal",
    "Optimalisering av SvarUt",
    "Smarte gatesluker",
    "Droneprosjektet",
    "AI4Cities",
    "Aktiv kommune",
    "Omstilling 2025",
}


@pytest.fixture
def loaded(db: None, settings: Settings) -> None:
    settings.DEBUG = True  # load_demo refuses otherwise
    call_command("load_demo", stdout=StringIO())


def test_stavanger_holds_every_initiative_the_audit_names(loaded: None) -> None:
    names = set(
        Initiative.objects.filter(municipality__slug="stavanger").values_list("name", flat=True)
    )
    assert names >= AUDIT_INITIATIVES


def test_every_demo_initiative_is_valid(loaded: None) -> None:
    for initiative in Initiative.objects.all():
        initiative.full_clean()


def test_the_strategy_has_three_goals_and_five_focus_areas(loaded: None) -> None:
    strategy = StrategicGoal.objects.get(
        municipality__slug="stavanger", name__startswith="Digitaliseringsstrategi 2014"
    )
    kinds = list(strategy.children.values_list("kind", flat=True))
    assert kinds.count("goal") == 3
    assert kinds.count("focus_area") == 5


def test_the_audit_facts_are_kept(loaded: None) -> None:
    lervig = Initiative.objects.get(name="Kvikktest Lervig")
    assert lervig.status == InitiativeStatus.COMPLETED
    start = lervig.actual_start or lervig.planned_start
    assert start is not None
    assert start.isoformat() == "2020-06-01"
    assert Initiative.objects.get(name="Omstilling 2025").kind == InitiativeKind.PROGRAMME


def test_bergen_sees_only_its_own_demo_initiatives(loaded: None) -> None:
    bergen = Initiative.objects.filter(municipality__slug="bergen")
    assert bergen.exists()
    assert not bergen.filter(name__in=AUDIT_INITIATIVES).exists()
    assert not bergen.exclude(owning_unit__municipality__slug="bergen").exists()
