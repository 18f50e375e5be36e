"""The national scale: every municipality of Norway (357) in one Helhet, with 100,000
initiatives and 1,000,000 measurements, the largest municipality holding 300,000 of them.

Builds a throw-away database (a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL when it is set, as under scripts/with-postgres.sh), migrates it, loads the demo
(Stavanger and Bergen) and adds 355 municipalities, each with a small organisation and five
people. Stavanger is the largest: 10,000 initiatives and about 300,000 measurements, as in
bench_benefits.py. The other 90,000 initiatives and 700,000 measurements are spread over the
rest as municipalities' sizes are in Norway: a few large ones, a long tail of small ones (the
municipality of rank r gets a share proportional to 1 / (r + 3): Bergen about 4,000
initiatives, the median municipality about 110, the smallest about 60). The data is written
by the same generators as the other benches (``generate_bench_data.generate`` for initiatives
and their status reports, ``bench_benefits.generate_benefits`` for benefits, indicators,
measurements and budget cuts), with bulk_create.

Then it times, for a typical municipality (the median one) and for the largest, the portfolio
overview and the benefits overview pages through the test client, and ``benefits_summary`` of
the largest, and prints the median and 95th percentile wall time, the CPU time (this process
and, on PostgreSQL, the database's server process for the connection: what the machine spent,
less sensitive to other work on it than the wall time) and the number of queries. The load
average before and after is printed, so a busy machine shows. Prints figures; asserts nothing.

On SQLite the data is scaled down (``--scale`` 0.02: all 357 municipalities, 2,000 initiatives,
20,000 measurements) to keep ``make bench`` short; the national figures are PostgreSQL's.
Generating the full data took 17 minutes on the 2-CPU development machine while it was busy
(load average 6 to 13); against a database a previous run filled (DATABASE_URL naming a kept
PostgreSQL database) the figures are measured again without generating anything.

    make bench            # SQLite (scaled down) and PostgreSQL
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_national.py [--requests N]
    .venv/bin/python bench/bench_national.py [--scale F] [--requests N]
"""

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

MUNICIPALITIES = 357
INITIATIVES = 100_000
MEASUREMENTS = 1_000_000
LARGEST_INITIATIVES = 10_000
LARGEST_MEASUREMENTS = 300_000
# bench_benefits.generate_benefits gives about 10.8 measurements per benefit (72 % of benefits
# get an amount indicator, half of those a second one, ten measurements each).
MEASUREMENTS_PER_BENEFIT = 10.8
SQLITE_SCALE = 0.02
PEOPLE_PER_MUNICIPALITY = 5
TYPICAL_RANK = (2 + MUNICIPALITIES + 1) // 2  # the median of ranks 2..357


def shares(total: int, ranks: range) -> dict[int, int]:
    """``total`` spread over ``ranks`` in proportion to 1 / (rank + 3), at least 1 each."""
    weights = {rank: 1 / (rank + 3) for rank in ranks}
    whole = sum(weights.values())
    return {rank: max(1, round(total * weight / whole)) for rank, weight in weights.items()}


def add_municipalities(count: int) -> list[Any]:
    """``count`` more municipalities, each with a small organisation (three service areas with
    two departments each) and PEOPLE_PER_MUNICIPALITY people (the first in the portfolio
    office), written in bulk."""
    from helhet.accounts.models import Membership, User
    from helhet.accounts.roles import Role
    from helhet.organization.models import Municipality, OrgUnit, UnitKind

    municipalities = Municipality.objects.bulk_create(
        Municipality(name=f"Kommune {n:03d}", slug=f"kommune-{n:03d}", org_number=f"8{n:08d}")
        for n in range(1, count + 1)
    )
    areas = OrgUnit.objects.bulk_create(
        OrgUnit(municipality=m, kind=UnitKind.SERVICE_AREA, name=f"Tjenesteområde {a}")
        for m in municipalities
        for a in range(1, 4)
    )
    OrgUnit.objects.bulk_create(
        OrgUnit(
            municipality_id=area.municipality_id,
            parent=area,
            kind=UnitKind.DEPARTMENT,
            name=f"{area.name} avdeling {d}",
        )
        for area in areas
        for d in (1, 2)
    )
    users = User.objects.bulk_create(
        User(
            username=f"{m.slug}-{p}",
            first_name="Person",
            last_name=f"{p} i {m.name}",
            email=f"{m.slug}-{p}@example.com",
        )
        for m in municipalities
        for p in range(PEOPLE_PER_MUNICIPALITY)
    )
    Membership.objects.bulk_create(
        Membership(
            municipality=municipalities[index // PEOPLE_PER_MUNICIPALITY],
            user=user,
            role=Role.PORTFOLIO_OFFICE if index % PEOPLE_PER_MUNICIPALITY == 0 else Role.READER,
        )
        for index, user in enumerate(users)
    )
    return municipalities


@dataclass
class Made:
    initiatives: int = 0
    benefits: int = 0
    measurements: int = 0


def generate(scale: float) -> tuple[Any, Any, Made, Made, Made]:
    """The national data; returns the largest and the typical (median) municipality, what each
    holds, and the total."""
    from bench_benefits import generate_benefits  # beside this script
    from django.db import transaction

    from helhet.demo.municipalities import build_demo
    from helhet.portfolio.management.commands import generate_bench_data

    rng = random.Random(2026)
    demo = build_demo()
    largest = demo["stavanger"]
    others = [demo["bergen"], *add_municipalities(MUNICIPALITIES - 2)]
    ranks = range(2, MUNICIPALITIES + 1)
    initiatives = shares(round((INITIATIVES - LARGEST_INITIATIVES) * scale), ranks)
    measurements = shares(round((MEASUREMENTS - LARGEST_MEASUREMENTS) * scale), ranks)
    plan = [(largest, round(LARGEST_INITIATIVES * scale), round(LARGEST_MEASUREMENTS * scale))]
    plan += [(m, initiatives[r], measurements[r]) for m, r in zip(others, ranks, strict=True)]
    typical = others[TYPICAL_RANK - ranks.start]
    made = {largest.pk: Made(), typical.pk: Made()}
    total = Made()
    for municipality, count, measured in plan:
        with transaction.atomic():
            generate_bench_data.generate(municipality, count, rng)
            benefits = max(1, round(measured / MEASUREMENTS_PER_BENEFIT))
            out = generate_benefits(municipality, benefits, rng)
        row = made.get(municipality.pk, Made())
        row.initiatives, row.benefits, row.measurements = count, benefits, out["measurements"]
        total.initiatives += count
        total.benefits += benefits
        total.measurements += out["measurements"]
    return largest, typical, made[largest.pk], made[typical.pk], total


def existing() -> tuple[Any, Any, Made, Made, Made] | None:
    """The data a previous run left in the database DATABASE_URL names, or None when there is
    none (so a kept database is measured again without generating it again)."""
    from helhet.benefits.models import Benefit, Measurement
    from helhet.organization.models import Municipality
    from helhet.portfolio.models import Initiative

    if Municipality.objects.count() < MUNICIPALITIES:
        return None

    def made(municipality: Any | None = None) -> Made:
        scope = {} if municipality is None else {"municipality": municipality}
        return Made(
            Initiative.objects.filter(**scope).count(),
            Benefit.objects.filter(**scope).count(),
            Measurement.objects.filter(**scope).count(),
        )

    largest = Municipality.objects.get(slug="stavanger")
    typical = Municipality.objects.get(slug=f"kommune-{TYPICAL_RANK - 2:03d}")
    return largest, typical, made(largest), made(typical), made()


class Clock:
    """Wall and CPU time of a piece of work: this process, plus on PostgreSQL the database's
    server process for this connection (read from /proc: both run on this machine)."""

    def __init__(self) -> None:
        from django.db import connection

        self.server_stat: Path | None = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
            self.server_stat = stat if stat.exists() else None
        self.tick = os.sysconf("SC_CLK_TCK")

    def cpu(self) -> float:
        """CPU seconds so far."""
        spent = time.process_time()
        if self.server_stat is not None:
            fields = self.server_stat.read_text().rsplit(")", 1)[1].split()
            spent += (int(fields[11]) + int(fields[12])) / self.tick  # utime, stime
        return spent

    def timed(self, run: Callable[[], Any], requests: int) -> tuple[float, float, float]:
        """Median and p95 wall ms, and median CPU ms, of ``requests`` runs."""
        walls, cpus = [], []
        for _ in range(requests):
            cpu, start = self.cpu(), time.perf_counter()
            run()
            walls.append((time.perf_counter() - start) * 1000)
            cpus.append((self.cpu() - cpu) * 1000)
        walls.sort()
        p95 = walls[min(len(walls) - 1, int(len(walls) * 0.95))]
        return statistics.median(walls), p95, statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--scale",
        type=float,
        default=None,
        help=f"Share of the national data to make (1 on PostgreSQL, {SQLITE_SCALE} on SQLite).",
    )
    args = parser.parse_args()

    on_sqlite = not os.environ.get("DATABASE_URL", "").startswith("postgres")
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="helhet-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    scale = args.scale if args.scale is not None else (SQLITE_SCALE if on_sqlite else 1.0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    # As in production; and a failing page raises at once instead of Django's debug page
    # printing every local variable (the generated data) first.
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    logging.getLogger("helhet.security").setLevel(logging.WARNING)  # no login lines in the table
    call_command("migrate", verbosity=0)

    from helhet.accounts.models import Membership
    from helhet.benefits.selectors.filters import BenefitFilters
    from helhet.benefits.selectors.overview import benefits_summary

    load_before = os.getloadavg()
    started = time.perf_counter()
    found = existing()
    if found is None:
        largest, typical, big, small, total = generate(scale)
        with connection.cursor() as cursor:
            # As the database's maintenance (autovacuum) would have done by the time anyone looks.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    else:
        largest, typical, big, small, total = found
        print("The database already holds the national data: not generated again.")
    generated = time.perf_counter() - started
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"{MUNICIPALITIES} municipalities, {total.initiatives:,} initiatives, {total.benefits:,} "
        f"benefits, {total.measurements:,} measurements ({database}, scale {scale:g}), "
        f"generated in {generated:.0f} s.\n"
        f"Largest: {largest.name}, {big.initiatives:,} initiatives, {big.benefits:,} benefits, "
        f"{big.measurements:,} measurements. Typical (the median): {typical.name}, "
        f"{small.initiatives:,} initiatives, {small.benefits:,} benefits, "
        f"{small.measurements:,} measurements.\n"
        f"{args.requests} runs each, Django test client, one process. Load average before "
        f"generating {load_before[0]:.1f}, before timing {os.getloadavg()[0]:.1f} "
        f"({os.cpu_count()} CPUs)."
    )

    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    clock = Clock()
    cpu_label = "CPU ms" if connection.vendor == "postgresql" else "CPU ms*"
    print(f"{'what':<52} {'median ms':>10} {'p95 ms':>8} {cpu_label:>8} {'queries':>8}")

    def report(label: str, run: Callable[[], Any]) -> None:
        queries.clear()
        # Django resets connection.queries at each request, so count with a wrapper instead.
        with connection.execute_wrapper(count):
            run()
        median, p95, cpu = clock.timed(run, args.requests)
        print(f"{label:<52} {median:>10.1f} {p95:>8.1f} {cpu:>8.1f} {len(queries):>8}")

    today = timezone.localdate()
    for name, municipality in (("typical", typical), ("largest", largest)):
        membership = (
            Membership.objects.filter(municipality=municipality, role="portfolio_office")
            .select_related("user")
            .order_by("pk")
            .first()
        )
        assert membership is not None, municipality
        client = Client()
        client.force_login(membership.user)
        for page, url in (("portfolio overview", "/portefolje/"), ("benefits", "/gevinster/")):

            def get(url: str = url, client: Client = client) -> None:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            report(f"{name}: {page} {url}", get)
    report(
        f"largest: benefits_summary() ({big.measurements:,} measurements)",
        partial(benefits_summary, largest, BenefitFilters(), today=today),
    )
    print(
        f"Load average after: {os.getloadavg()[0]:.1f}. CPU ms: this process"
        + (" and the database server's process." if clock.server_stat else " (SQLite runs in it).")
    )


if __name__ == "__main__":
    main()
