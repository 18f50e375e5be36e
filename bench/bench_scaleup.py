"""How fast the scale-up plan (the action matrix) and a unit's follow-up answer for 200
solutions planned across 300 units.

Builds a throw-away database (a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL when it is set, as under scripts/with-postgres.sh), migrates it, loads the demo
municipalities, adds 300 units, then writes with bulk_create: 200 solutions, each in 30 of the
units, 5 years of monthly counts per unit (360,000 counts), a scale-up plan of a trial, a
scale-up and an operation step in each unit (18,000 steps, some late) and four follow-up actions
per unit (24,000). It times the action matrix across all solutions, one solution's plan and one
unit's follow-up (with whether adoption moved after each action) through the test client, and
prints the median and 95th percentile server time and the number of database queries. Prints
figures; asserts nothing.

    make bench            # SQLite and PostgreSQL
    .venv/bin/python bench/bench_scaleup.py [--solutions N] [--units-each N] [--requests N]
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_scaleup.py
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

BATCH = 2000
MONTHS = 60


def generate_plans(
    stavanger: Any, *, solutions: int, units_each: int, rng: random.Random
) -> dict[str, int]:
    """``solutions`` solutions, each in ``units_each`` of 300 units, with monthly counts, steps
    and follow-up actions, written directly (the services validate one row at a time)."""
    from django.utils import timezone

    from helhet.accounts.models import User
    from helhet.adoption.models import (
        ActionKind,
        AdoptionCount,
        FollowUpAction,
        ScaleUpStep,
        Solution,
        SolutionUnit,
        StepKind,
    )
    from tests.conftest import add_units

    office = User.objects.get(username="portefolje")
    today = timezone.localdate()
    start = date(today.year - 5, today.month, 1)
    units = add_units(stavanger, 300)
    made = Solution.objects.bulk_create(
        [
            Solution(
                municipality=stavanger,
                name=f"Løsning {number:03d}",
                in_use_since=start,
                measure_name="i bruk",
                base_name="aktuelle brukere",
                target_percent=Decimal(40),
                owner_person=office,
            )
            for number in range(solutions)
        ],
        batch_size=BATCH,
    )
    links = SolutionUnit.objects.bulk_create(
        [
            SolutionUnit(
                municipality=stavanger,
                solution=solution,
                unit=unit,
                eligible_base=100,
                added_on=start,
            )
            for solution in made
            for unit in rng.sample(units, units_each)
        ],
        batch_size=BATCH,
    )
    counts, steps, actions = [], [], []
    for link in links:
        value = rng.randrange(5, 30)
        for month in range(MONTHS):
            value = max(0, min(100, value + rng.randrange(-2, 4)))
            day = date(
                start.year + (start.month - 1 + month) // 12, (start.month - 1 + month) % 12 + 1, 1
            )
            counts.append(
                AdoptionCount(
                    municipality=stavanger,
                    solution_unit=link,
                    counted_on=day,
                    value=Decimal(value),
                    eligible=100,
                    recorded_by=office,
                )
            )
        begin = start + timedelta(days=rng.randrange(0, 900))
        for number, kind in enumerate((StepKind.TRIAL, StepKind.SCALE_UP, StepKind.OPERATION)):
            starts = begin + timedelta(days=240 * number)
            ends = starts + timedelta(days=200)
            steps.append(
                ScaleUpStep(
                    municipality=stavanger,
                    solution_id=link.solution_id,
                    unit_id=link.unit_id,
                    kind=kind,
                    starts_on=starts,
                    ends_on=ends,
                    responsible=office,
                    done_on=ends if ends < today and rng.random() < 0.9 else None,
                )
            )
        for number in range(4):
            planned = start + timedelta(days=300 * number + rng.randrange(200))
            actions.append(
                FollowUpAction(
                    municipality=stavanger,
                    solution_unit=link,
                    kind=rng.choice(list(ActionKind)),
                    description="Oppfølging",
                    responsible=office,
                    planned_on=planned,
                    done_on=planned if planned < today else None,
                )
            )
    AdoptionCount.objects.bulk_create(counts, batch_size=BATCH)
    ScaleUpStep.objects.bulk_create(steps, batch_size=BATCH)
    FollowUpAction.objects.bulk_create(actions, batch_size=BATCH)
    return {
        "solutions": len(made),
        "links": len(links),
        "counts": len(counts),
        "steps": len(steps),
        "actions": len(actions),
        "solution": made[0].pk,
        "link": links[0].pk,
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
    parser.add_argument("--solutions", type=int, default=200)
    parser.add_argument("--units-each", type=int, default=30)
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

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)

    from helhet.accounts.models import User
    from helhet.demo.municipalities import build_demo

    stavanger = build_demo()["stavanger"]
    started = time.perf_counter()
    with transaction.atomic():
        made = generate_plans(
            stavanger, solutions=args.solutions, units_each=args.units_each, rng=random.Random(2018)
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    generated = time.perf_counter() - started
    client = Client()
    client.force_login(User.objects.get(username="leser"))
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"{made['solutions']} solutions in 300 units ({made['links']} solution units) with "
        f"{made['counts']} counts, "
        f"{made['steps']} scale-up steps and {made['actions']} follow-up actions, generated in "
        f"{generated:.1f} s; {args.requests} runs each ({database}, Django test client, one "
        "process)."
    )
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    print(f"{'what':<46} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'kB':>7}")
    pages = [
        ("action matrix /losninger/plan/", "/losninger/plan/"),
        ("a solution's plan /losninger/<pk>/plan/", f"/losninger/{made['solution']}/plan/"),
        ("a unit's follow-up .../oppfolging/", f"/losninger/enheter/{made['link']}/oppfolging/"),
        ("the whole plan API (page of 50)", "/api/v1/scale-up-steps"),
    ]
    for label, url in pages:
        if url.startswith("/api/"):
            continue
        queries.clear()
        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content) / 1024
        median, p95 = _timed(partial(client.get, url), args.requests)
        print(f"{label:<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8} {size:>7.0f}")


if __name__ == "__main__":
    main()
