"""Believable portfolio data in bulk, for benchmarks: ``python manage.py generate_bench_data
--municipality stavanger --initiatives 10000``. Deterministic (seeded), written with
bulk_create so that 10,000 initiatives with 5 status reports each take seconds, not minutes.

It bypasses the services on purpose (they validate and record history one row at a time); the
data it writes satisfies the same constraints. Initiatives get a history record each, so their
history pages and edit conflicts work as for any other."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from helhet.accounts.models import Membership, User
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    AssessmentStatus,
    FundingSource,
    FundingSourceKind,
    GoalKind,
    GoalLevel,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    Rating,
    StatusReport,
    StrategicGoal,
    Tag,
)

TOPICS = [
    "Digital innbyggerdialog",
    "Digital arbeidsflyt",
    "Robotisert fakturakontroll",
    "Sensorer i kommunale bygg",
    "Velferdsteknologi i hjemmetjenesten",
    "Elektronisk søknad om barnehageplass",
    "Datadeling med statlige etater",
    "Kunstig intelligens i saksbehandling",
    "Min side for innbyggere",
    "Skytjenester og drift",
    "Digital kompetanse for ansatte",
    "Informasjonssikkerhet og personvern",
    "Smart parkering",
    "Digitale skjema",
    "Sak- og arkivløsning",
    "Felles arkitektur og standarder",
    "Videokonsultasjon",
    "Digitale medisindispensere",
    "Ruteoptimalisering i hjemmesykepleien",
    "Åpne data",
    "Digitalt tilsyn",
    "Booking av kommunale lokaler",
    "Selvbetjening i byggesak",
    "Elektronisk meldingsutveksling",
]
TAGS = ["RPA", "KI", "Sensorer", "Velferdsteknologi", "Skytjenester", "Datadeling", "Personvern"]
GOALS = ["Ytelsestest: mål 1", "Ytelsestest: mål 2", "Ytelsestest: mål 3"]
SUMMARIES = [
    "Arbeidet går etter planen.",
    "Noe forsinket på grunn av ressurssituasjonen.",
    "Avventer avklaring med leverandør.",
    "Pilot gjennomført; erfaringene oppsummeres.",
    "Gevinstplanen er oppdatert.",
    "Risiko knyttet til integrasjon mot fagsystem.",
]
STOP_REASONS = [
    "Behovet ble dekket av en nasjonal løsning.",
    "Gevinstene sto ikke i forhold til kostnadene.",
    "Slått sammen med et annet tiltak.",
]
REPORTS_PER_INITIATIVE = 5
FIRST_MONTH = date(2019, 1, 1)
LAST_DAY = date(2028, 12, 31)
BATCH = 2000


def _month(index: int) -> date:
    return date(FIRST_MONTH.year + index // 12, index % 12 + 1, 1)


def _end_of_month(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


@dataclass
class Pools:
    units: list[OrgUnit]
    people: list[User]
    goals: list[StrategicGoal]
    tags: list[Tag]


class Command(BaseCommand):
    help = "Create N believable initiatives with status reports in a municipality (benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="The municipality's slug.")
        parser.add_argument("--initiatives", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2022)

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Fant ingen kommune med kortnavnet «{options['municipality']}».")
        count = options["initiatives"]
        if count < 1:
            raise CommandError("--initiatives må være minst 1.")
        started = time.perf_counter()
        with transaction.atomic():
            made = generate(municipality, count, random.Random(options["seed"]))  # noqa: S311 - test data, not secrets
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Laget {made} tiltak med {made * REPORTS_PER_INITIATIVE} statusrapporter i "
                f"{municipality.name} på {time.perf_counter() - started:.1f} s."
            )


def _pools(municipality: Municipality) -> Pools:
    units = list(OrgUnit.objects.for_municipality(municipality).order_by("pk"))
    if not units:
        raise CommandError(f"{municipality.name} har ingen enheter å fordele tiltakene på.")
    people = [
        m.user
        for m in Membership.objects.filter(municipality=municipality)
        .select_related("user")
        .order_by("pk")
    ]
    goals = list(StrategicGoal.objects.filter(municipality=municipality).order_by("pk"))
    if not goals:
        goals = StrategicGoal.objects.bulk_create(
            StrategicGoal(
                municipality=municipality,
                level=GoalLevel.MUNICIPAL,
                kind=GoalKind.GOAL,
                name=name,
                position=index,
            )
            for index, name in enumerate(GOALS)
        )
    existing = {t.name: t for t in Tag.objects.filter(municipality=municipality, name__in=TAGS)}
    missing = [Tag(municipality=municipality, name=name) for name in TAGS if name not in existing]
    # In a fixed order, so the same seed gives the same data whether the tags existed or not.
    created = Tag.objects.bulk_create(missing)
    tags = sorted([*existing.values(), *created], key=lambda tag: TAGS.index(tag.name))
    return Pools(units, people, goals, tags)


def _dates_and_status(rng: random.Random, kind: str, today: date) -> dict[str, Any]:
    """Planned dates over 2019-2028, actual dates where the work has begun or ended, and a status
    that fits them."""
    if kind == InitiativeKind.IDEA and rng.random() < 0.3:
        return {"status": InitiativeStatus.ACTIVE}
    start = _month(rng.randrange(108))
    length = rng.randint(2, 36)
    index = (start.year - FIRST_MONTH.year) * 12 + start.month - 1 + length - 1
    end: date | None = min(_end_of_month(_month(index)), LAST_DAY)
    if kind == InitiativeKind.ACTIVITY and rng.random() < 0.4:
        end = None  # runs on
    values: dict[str, Any] = {"planned_start": start, "planned_end": end}
    if start > today or kind == InitiativeKind.IDEA:
        values["status"] = rng.choices(
            [InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED], weights=[85, 15]
        )[0]
        return values
    actual_start = min(start + timedelta(days=rng.randint(0, 60)), today)
    values["actual_start"] = actual_start
    if end is not None and end < today:
        status = rng.choices(
            [InitiativeStatus.COMPLETED, InitiativeStatus.STOPPED, InitiativeStatus.ACTIVE],
            weights=[70, 10, 20],
        )[0]
    else:
        status = rng.choices(
            [InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED, InitiativeStatus.STOPPED],
            weights=[75, 15, 10],
        )[0]
    values["status"] = status
    if status == InitiativeStatus.COMPLETED and end is not None:
        values["actual_end"] = max(
            actual_start, min(end + timedelta(days=rng.randint(-30, 90)), today)
        )
    if status == InitiativeStatus.STOPPED:
        values["stop_reason"] = rng.choice(STOP_REASONS)
    return values


def _initiative(
    municipality: Municipality,
    rng: random.Random,
    pools: Pools,
    number: int,
    kind: str,
    programme: Initiative | None,
    today: date,
) -> Initiative:
    estimated = Decimal(rng.randrange(50, 20_000) * 1000)
    personal = rng.random() < 0.4
    ros = (
        rng.choice([AssessmentStatus.DONE, AssessmentStatus.PLANNED, AssessmentStatus.UNKNOWN])
        if personal
        else rng.choice([AssessmentStatus.NOT_NEEDED, AssessmentStatus.UNKNOWN])
    )
    values = _dates_and_status(rng, kind, today)
    initiative = Initiative(
        municipality=municipality,
        kind=kind,
        name=f"{rng.choice(TOPICS)} {number:04d}",
        short_description="Generert testdata for ytelsesmåling.",
        owning_unit=rng.choice(pools.units),
        programme=programme,
        project_owner=rng.choice(pools.people) if pools.people and rng.random() < 0.8 else None,
        project_leader=rng.choice(pools.people) if pools.people and rng.random() < 0.8 else None,
        estimated_cost=estimated,
        processes_personal_data=personal,
        ros_status=ros,
        ros_date=today - timedelta(days=rng.randint(0, 900)) if ros == "done" else None,
        **values,
    )
    if initiative.status == InitiativeStatus.COMPLETED:
        ratio = Decimal(rng.randint(80, 140)) / 100
        initiative.actual_cost = (estimated * ratio).quantize(Decimal(1000))
    return initiative


def generate(municipality: Municipality, count: int, rng: random.Random) -> int:
    """Create ``count`` initiatives in ``municipality`` with their relations, funding and
    REPORTS_PER_INITIATIVE status reports each. Returns how many were made."""
    pools = _pools(municipality)
    today = timezone.localdate()
    offset = Initiative.objects.for_municipality(municipality).count()
    kinds = rng.choices(
        [
            InitiativeKind.PROJECT,
            InitiativeKind.ACTIVITY,
            InitiativeKind.IDEA,
            InitiativeKind.PROGRAMME,
        ],
        weights=[50, 20, 20, 10],
        k=count,
    )
    numbers = iter(range(offset + 1, offset + count + 1))
    # Programmes first, so projects can be part of one.
    programmes = bulk_create_with_history(
        [
            _initiative(municipality, rng, pools, next(numbers), kind, None, today)
            for kind in kinds
            if kind == InitiativeKind.PROGRAMME
        ],
        Initiative,
        batch_size=BATCH,
    )
    others = bulk_create_with_history(
        [
            _initiative(
                municipality,
                rng,
                pools,
                next(numbers),
                kind,
                rng.choice(programmes)
                if programmes and kind == InitiativeKind.PROJECT and rng.random() < 0.3
                else None,
                today,
            )
            for kind in kinds
            if kind != InitiativeKind.PROGRAMME
        ],
        Initiative,
        batch_size=BATCH,
    )
    initiatives = list(programmes) + list(others)
    if any(initiative.pk is None for initiative in initiatives):
        raise CommandError("Databasen ga ikke tilbake id-ene til de nye tiltakene.")
    _relations(rng, pools, initiatives)
    _funding(rng, municipality, initiatives)
    _reports(rng, municipality, initiatives)
    return len(initiatives)


def _relations(rng: random.Random, pools: Pools, initiatives: list[Initiative]) -> None:
    units = Initiative.participating_units.through
    contacts = Initiative.contacts.through
    goals = Initiative.goals.through
    tags = Initiative.tags.through
    unit_rows, contact_rows, goal_rows, tag_rows = [], [], [], []
    for initiative in initiatives:
        for unit in rng.sample(pools.units, k=min(len(pools.units), rng.choice([0, 0, 1, 2, 3]))):
            if unit.pk != initiative.owning_unit_id:
                unit_rows.append(units(initiative_id=initiative.pk, orgunit_id=unit.pk))
        for person in rng.sample(pools.people, k=min(len(pools.people), rng.choice([0, 1, 2]))):
            contact_rows.append(contacts(initiative_id=initiative.pk, user_id=person.pk))
        for goal in rng.sample(pools.goals, k=min(len(pools.goals), rng.choice([0, 1, 1, 2]))):
            goal_rows.append(goals(initiative_id=initiative.pk, strategicgoal_id=goal.pk))
        for tag in rng.sample(pools.tags, k=min(len(pools.tags), rng.choice([0, 0, 1, 2]))):
            tag_rows.append(tags(initiative_id=initiative.pk, tag_id=tag.pk))
    units.objects.bulk_create(unit_rows, batch_size=BATCH)
    contacts.objects.bulk_create(contact_rows, batch_size=BATCH)
    goals.objects.bulk_create(goal_rows, batch_size=BATCH)
    tags.objects.bulk_create(tag_rows, batch_size=BATCH)


def _funding(rng: random.Random, municipality: Municipality, initiatives: list[Initiative]) -> None:
    rows = []
    for initiative in initiatives:
        estimated = initiative.estimated_cost or Decimal(0)
        if rng.random() < 0.6:
            rows.append(
                FundingSource(
                    municipality=municipality,
                    initiative=initiative,
                    source=FundingSourceKind.OWN_BUDGET,
                    amount=(estimated * Decimal("0.6")).quantize(Decimal(1)),
                )
            )
        if rng.random() < 0.3:
            rows.append(
                FundingSource(
                    municipality=municipality,
                    initiative=initiative,
                    source=rng.choice(
                        [
                            FundingSourceKind.DIGITALISATION_FUND,
                            FundingSourceKind.INNOVASJON_NORGE,
                            FundingSourceKind.EU,
                            FundingSourceKind.STATE_GRANT,
                        ]
                    ),
                    amount=(estimated * Decimal("0.4")).quantize(Decimal(1)),
                )
            )
    FundingSource.objects.bulk_create(rows, batch_size=BATCH)


def _reports(rng: random.Random, municipality: Municipality, initiatives: list[Initiative]) -> None:
    now = timezone.now()
    ratings = [Rating.GREEN, Rating.YELLOW, Rating.RED]
    weights = [60, 30, 10]
    rows = []
    for initiative in initiatives:
        # The newest report is 1 to 60 days old: about half are over a month old (stale).
        newest: datetime = now - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
        for index in range(REPORTS_PER_INITIATIVE):
            aspects = {
                aspect: rng.choices(ratings, weights=weights)[0]
                for aspect in ("progress", "economy", "quality", "risk", "benefits")
            }
            rows.append(
                StatusReport(
                    municipality=municipality,
                    initiative=initiative,
                    reported_at=newest - timedelta(days=30 * index),
                    author=initiative.project_leader,
                    summary=rng.choice(SUMMARIES),
                    **aspects,
                )
            )
    StatusReport.objects.bulk_create(rows, batch_size=BATCH)
