"""How fast the benefits overview answers for a municipality with 10,000 initiatives, 30,000
benefits and 300,000 measurements.

Builds a throw-away database (a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL when it is set, as under scripts/with-postgres.sh), migrates it, loads the demo
municipalities, generates the initiatives in Stavanger (``generate_bench_data``), then writes the
benefits with bulk_create: mixed kinds, dimensions, categories, statuses and owners, about 30,000
indicators with 10 measurements each, and budget cuts on some direct benefits. It then times
``benefits_summary`` itself and the overview page (and the API's summary, when it is built)
many times and prints the median and 95th percentile server time and the number of database
queries. Prints figures; asserts nothing.

    make bench            # SQLite and PostgreSQL
    .venv/bin/python bench/bench_benefits.py [--initiatives N] [--benefits N] [--requests N]
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_benefits.py
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEASUREMENTS_PER_INDICATOR = 10
BATCH = 2000


def generate_benefits(stavanger: Any, count: int, rng: random.Random) -> dict[str, int]:
    """``count`` benefits spread over Stavanger's initiatives (about a third get none), with
    indicators, measurements and budget cuts. Written directly, as generate_bench_data does: the
    services validate and record history one row at a time."""
    from helhet.accounts.models import Membership
    from helhet.benefits.models import (
        Benefit,
        BenefitKind,
        BenefitStatus,
        BudgetCut,
        Category,
        Dimension,
        Frequency,
        Indicator,
        IndicatorUnit,
        Measurement,
    )
    from helhet.benefits.services.monetary import measured_progress_store
    from helhet.organization.models import OrgUnit
    from helhet.portfolio.models import Initiative

    initiatives = list(
        Initiative.objects.filter(municipality=stavanger).values_list("pk", flat=True)
    )
    with_plans = rng.sample(initiatives, k=min(len(initiatives), max(1, len(initiatives) * 2 // 3)))
    people = list(
        Membership.objects.filter(municipality=stavanger).values_list("user_id", flat=True)
    )
    units = list(OrgUnit.objects.filter(municipality=stavanger).values_list("pk", flat=True))
    statuses = [
        BenefitStatus.PLANNED,
        BenefitStatus.BEING_REALISED,
        BenefitStatus.REALISED,
        BenefitStatus.ABANDONED,
    ]
    benefits = []
    for number in range(count):
        kind = rng.choices(list(BenefitKind), weights=[45, 35, 20])[0]
        status = rng.choices(statuses, weights=[35, 40, 20, 5])[0]
        planned = None
        if kind == BenefitKind.DIRECT:
            planned = Decimal(rng.randrange(10, 5000) * 1000)
        elif kind == BenefitKind.INDIRECT:
            planned = Decimal(rng.randrange(50, 5000))
        benefits.append(
            Benefit(
                municipality=stavanger,
                initiative_id=rng.choice(with_plans),
                title=f"Gevinst {number:05d}",
                dimension=rng.choice(list(Dimension)),
                category=rng.choice(list(Category)),
                kind=kind,
                planned_amount=planned,
                responsible_id=rng.choice(people) if rng.random() < 0.8 else None,
                due_date=date(2024, 1, 1) + timedelta(days=rng.randrange(365 * 6))
                if rng.random() < 0.9
                else None,
                status=status,
                abandon_reason="Generert: forkastet." if status == BenefitStatus.ABANDONED else "",
            )
        )
    benefits = Benefit.objects.bulk_create(benefits, batch_size=BATCH)
    owners = Benefit.owners.through
    owner_rows = [
        owners(benefit_id=benefit.pk, user_id=person)
        for benefit in benefits
        if rng.random() < 0.75
        for person in rng.sample(people, k=min(len(people), rng.choice([1, 1, 2])))
    ]
    owners.objects.bulk_create(owner_rows, batch_size=BATCH)

    indicators = []
    for benefit in benefits:
        if benefit.kind == BenefitKind.QUALITATIVE or rng.random() < 0.1:
            continue  # no indicator: no baseline
        if benefit.kind == BenefitKind.DIRECT:
            unit = IndicatorUnit.NOK
            baseline = Decimal(rng.randrange(2000, 9000) * 1000)
            target = baseline - (benefit.planned_amount or Decimal(0))
        else:
            unit = rng.choice([IndicatorUnit.HOURS, IndicatorUnit.FTE])
            baseline = Decimal(0)
            planned = benefit.planned_amount or Decimal(0)
            target = (
                planned
                if unit == IndicatorUnit.HOURS
                else (planned / 1695).quantize(Decimal("0.0001"))
            )
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
        indicators.append(
            Indicator(
                municipality=stavanger,
                benefit=benefit,
                name="Beløp",
                unit=unit,
                baseline_value=baseline,
                baseline_date=start,
                target_value=max(target, Decimal(0)),
                target_date=start + timedelta(days=365 * 3),
                frequency=rng.choice([Frequency.MONTHLY, Frequency.QUARTERLY]),
                measures_amount=True,
            )
        )
        if rng.random() < 0.5:
            indicators.append(
                Indicator(
                    municipality=stavanger,
                    benefit=benefit,
                    name="Brukertilfredshet",
                    unit=IndicatorUnit.PERCENT,
                    baseline_value=Decimal(rng.randrange(30, 70)),
                    baseline_date=start,
                    target_value=Decimal(90),
                    target_date=start + timedelta(days=365 * 3),
                    frequency=rng.choice([Frequency.QUARTERLY, Frequency.HALF_YEARLY]),
                )
            )
    indicators = Indicator.objects.bulk_create(indicators, batch_size=BATCH)

    measurements = []
    for indicator in indicators:
        day = indicator.baseline_date
        for step in range(MEASUREMENTS_PER_INDICATOR):
            day += timedelta(days=rng.randrange(20, 90))
            share = Decimal(step + 1) / MEASUREMENTS_PER_INDICATOR * Decimal(rng.uniform(0.5, 1.1))
            moved = (indicator.target_value - indicator.baseline_value) * share
            value = max(indicator.baseline_value + moved, Decimal(0))
            if indicator.unit == IndicatorUnit.PERCENT:
                value = min(value, Decimal(100))
            measurements.append(
                Measurement(
                    municipality=stavanger,
                    indicator=indicator,
                    measured_on=day,
                    value=value.quantize(Decimal("0.0001")),
                )
            )
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    # What services.follow_up.indicator_latest_refresh keeps: each indicator's newest measurement.
    for measurement in measurements:
        measurement.indicator.latest_measured_on = measurement.measured_on
        measurement.indicator.latest_value = measurement.value
    Indicator.objects.bulk_update(
        indicators, ["latest_measured_on", "latest_value"], batch_size=BATCH
    )
    # And what services.monetary keeps on each benefit: its amount indicator's progress.
    measured_progress_store(Benefit.objects.filter(municipality=stavanger))

    cuts = [
        BudgetCut(
            municipality=stavanger,
            benefit=benefit,
            unit_id=rng.choice(units),
            amount=((benefit.planned_amount or Decimal(1000)) * Decimal("0.8")).quantize(
                Decimal(1)
            ),
            budget_year=rng.randrange(2024, 2030),
        )
        for benefit in benefits
        if benefit.kind == BenefitKind.DIRECT and rng.random() < 0.25
    ]
    BudgetCut.objects.bulk_create(cuts, batch_size=BATCH)
    return {
        "benefits": len(benefits),
        "indicators": len(indicators),
        "measurements": len(measurements),
        "cuts": len(cuts),
    }


def _timed(run: Callable[[], Any], requests: int) -> tuple[float, float]:
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--benefits", type=int, default=30_000)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="helhet-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)

    from helhet.accounts.models import Membership
    from helhet.accounts.services import api_token_create
    from helhet.benefits.selectors.filters import BenefitFilters
    from helhet.benefits.selectors.overview import benefits_summary
    from helhet.demo.municipalities import build_demo

    stavanger = build_demo()["stavanger"]
    started = time.perf_counter()
    call_command(
        "generate_bench_data", municipality="stavanger", initiatives=args.initiatives, verbosity=0
    )
    with transaction.atomic():
        made = generate_benefits(stavanger, args.benefits, random.Random(2022))
    # As the database's own maintenance (autovacuum) would have done by the time anyone looks.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    generated = time.perf_counter() - started
    membership = Membership.objects.select_related("user", "municipality").get(
        user__username="portefolje"
    )
    _token, key = api_token_create(membership=membership, name="Benchmark")
    api = {"Authorization": f"Bearer {key}"}
    client = Client()
    client.force_login(membership.user)
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"{args.initiatives} initiatives, {made['benefits']} benefits, {made['indicators']} "
        f"indicators, {made['measurements']} measurements and {made['cuts']} budget cuts in "
        f"Stavanger, generated in {generated:.1f} s; {args.requests} runs each ({database}, "
        "Django test client, one process)."
    )

    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    today = timezone.localdate()
    selectors = [
        ("benefits_summary()", BenefitFilters()),
        ("benefits_summary(dimension, overdue)", BenefitFilters(dimension="economy", overdue=True)),
    ]
    print(f"{'what':<46} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'kB':>7}")
    for label, filters in selectors:
        queries.clear()
        with connection.execute_wrapper(count):
            benefits_summary(stavanger, filters, today=today)
        median, p95 = _timed(
            partial(benefits_summary, stavanger, filters, today=today), args.requests
        )
        print(f"{label:<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8} {'':>7}")

    pages = [
        ("overview /gevinster/", "/gevinster/", {}),
        ("overview, filtered", "/gevinster/?dimension=economy&status=being_realised", {}),
        ("API /api/v1/benefits/summary", "/api/v1/benefits/summary", api),
    ]
    for label, url, headers in pages:
        queries.clear()
        # Django resets connection.queries at each request, so count with a wrapper instead.
        try:
            with connection.execute_wrapper(count):
                response = client.get(url, headers=headers)
        except NotImplementedError:
            response = None
        if response is None or response.status_code == 404:
            print(f"{label:<46} {'(not built yet)':>10}")
            continue
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content) / 1024
        median, p95 = _timed(partial(client.get, url, headers=headers), args.requests)
        print(f"{label:<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8} {size:>7.0f}")


if __name__ == "__main__":
    main()
