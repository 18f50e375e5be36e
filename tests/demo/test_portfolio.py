"""The demo portfolio: the initiatives the audit names, each valid, each in its municipality, and
alive: example costs, dates, owners and leaders (marked as examples) and recent status reports."""

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from helhet.accounts.duties import refusal_to_choose
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.demo.portfolio_examples import EXAMPLE_NOTE, EXAMPLE_TAG
from helhet.portfolio.models import (
    FundingSource,
    FundingSourceKind,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StrategicGoal,
)

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
def loaded(whole_demo: None, db: None) -> None:
    """What ``manage.py load_demo`` loads (tests/conftest.py)."""


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


def test_the_portfolio_looks_alive_with_examples_marked_and_duties_kept(loaded: None) -> None:
    everything = Initiative.objects.filter(municipality__slug="stavanger")
    # An idea the demo's idea intake just promoted has no figures yet.
    stavanger = everything.exclude(kind=InitiativeKind.IDEA)
    today = timezone.localdate()

    # Every initiative has a cost; every one whose figures are examples says so by its tag, and
    # every funding line by its note.
    assert not stavanger.filter(estimated_cost__isnull=True).exists()
    assert set(stavanger.values_list("name", flat=True)) == set(
        stavanger.filter(tags__name=EXAMPLE_TAG).values_list("name", flat=True)
    )
    funding = FundingSource.objects.filter(initiative__municipality__slug="stavanger")
    assert funding.exists() and not funding.exclude(note=EXAMPLE_NOTE).exists()
    assert (
        stavanger.get(name="DigiBarnevern")
        .funding_sources.filter(source=FundingSourceKind.DIGITALISATION_FUND)
        .exists()
    )

    # Owners and leaders are people whose role allows it, never one person both; most projects
    # have both.
    for initiative in stavanger:
        for person, capability in (
            (initiative.project_owner, Capability.OWN_PROJECTS),
            (initiative.project_leader, Capability.LEAD_PROJECTS),
        ):
            refusal = refusal_to_choose(
                person, municipality_id=initiative.municipality_id, capability=capability
            )
            assert refusal is None, (initiative.name, refusal)
        assert initiative.project_owner_id != initiative.project_leader_id or (
            initiative.project_owner_id is None
        )
    assert stavanger.filter(project_leader__isnull=True).count() <= 2
    assert stavanger.filter(project_owner__isnull=True).count() <= 1

    # Work still running is planned to end after today, except the programme named for 2025;
    # only a few active initiatives lack a status report from the last month.
    running = stavanger.filter(status=InitiativeStatus.ACTIVE)
    late = running.filter(planned_end__lt=today).values_list("name", flat=True)
    assert list(late) == ["Omstilling 2025"]
    assert stavanger.get(name="Spider").planned_end == date(2019, 5, 31)  # the audit's, kept
    stale = [i.name for i in running if not i.status_reports.filter(reported_at__gte=_month_ago())]
    assert sorted(stale) == ["Legevaktprosjektet", "RPA", "Smarte gatesluker"]

    # The overview sums the costs instead of reading "0 kr", and a reader finds the leaders.
    client = Client()
    client.force_login(User.objects.get(username="leser"))
    page = client.get("/portefolje/").content.decode()
    assert f"{stavanger.count()} av {everything.count()} har anslag" in page
    assert "Ingrid Løland" in page
    assert "Ingen finansiering er registrert." not in page


def _month_ago() -> datetime:
    return timezone.now() - timedelta(days=30)
