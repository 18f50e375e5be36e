"""How fast the fund's review answers for a fund with 100,000 ledger entries and 10,000
applications.

Builds a throw-away database (a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL when it is set, as under scripts/with-postgres.sh), migrates it, loads the demo
municipalities, generates initiatives in Stavanger (``generate_bench_data``) with benefits plans
(``bench_benefits.generate_benefits``: indicators, measurements, budget cuts), then writes one
fund with bulk_create: rules that return half the monetary gains for three years, 10,000
applications from those initiatives at every status, the granted ones with their budget years,
and 100,000 ledger entries (capital, commitments, disbursements, releases, corrections, returned
gains) over nine years, some years' gains settled, and sums the ledger's totals as
``manage.py rebuild_fund_figures`` does (the entries bypass the ledger service). It then times
``fund_review`` itself, the review page, the gains page and the .xlsx export through the test
client, many times, and prints the median and 95th percentile server time and the number of
database queries. Prints figures; asserts nothing.

    make bench            # SQLite and PostgreSQL
    .venv/bin/python bench/bench_fund.py [--entries N] [--applications N] [--requests N]
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_fund.py
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 2000
FIRST_YEAR = 2018


def generate_fund(
    stavanger: Any, *, applications: int, entries: int, rng: random.Random
) -> dict[str, int]:
    """One fund with ``applications`` applications and about ``entries`` ledger entries, written
    directly (the services validate and lock one row at a time)."""
    from django.utils import timezone

    from helhet.accounts.models import User
    from helhet.fund.models import (
        Application,
        ApplicationStatus,
        ApplicationYear,
        EntryKind,
        Fund,
        FundRules,
        GainReturn,
        GainReturnRule,
        GainReturnStatus,
        LedgerEntry,
        UseKind,
    )
    from helhet.fund.services.ledger_totals import ledger_totals_rebuild
    from helhet.portfolio.models import Initiative

    office = User.objects.get(username="portefolje")
    fund = Fund.objects.create(
        municipality=stavanger,
        name="Digitaliseringsfondet",
        decision_reference="65/17",
        decision_date=date(2017, 5, 29),
        decision_body="Bystyret",
    )
    rules = FundRules.objects.create(
        municipality=stavanger,
        fund=fund,
        version=1,
        gain_return=GainReturnRule.SHARE,
        gain_return_share=Decimal(50),
        gain_return_years=3,
    )
    initiatives = list(
        Initiative.objects.filter(municipality=stavanger).values_list("pk", flat=True)
    )
    statuses = list(ApplicationStatus)
    weights = [15, 15, 5, 30, 10, 20, 5]  # draft ... withdrawn: about 4,000 granted in all
    made = []
    for number in range(applications):
        status = rng.choices(statuses, weights=weights)[0]
        made.append(
            Application(
                municipality=stavanger,
                fund=fund,
                rules=rules if status != ApplicationStatus.DRAFT else None,
                initiative_id=rng.choice(initiatives),
                use_kind=rng.choice(list(UseKind)),
                project_description=f"Søknad {number:05d}",
                total_cost=Decimal(rng.randrange(500, 20000) * 1000),
                status=status,
                created_by=office,
                submitted_by=office if status != ApplicationStatus.DRAFT else None,
            )
        )
    made = Application.objects.bulk_create(made, batch_size=BATCH)
    granted = [
        a for a in made if a.status in (ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED)
    ]

    years, ledger = [], []

    def entry(kind: str, amount: Decimal, day: date, **fields: Any) -> LedgerEntry:
        return LedgerEntry(
            municipality=stavanger,
            fund=fund,
            kind=kind,
            amount=amount,
            entry_date=day,
            recorded_by=office,
            **fields,
        )

    for year in range(FIRST_YEAR - 1, FIRST_YEAR + 9):
        ledger.append(
            entry(EntryKind.CAPITAL, Decimal(1_000_000_000), date(year, 6, 1), reference="65/17")
        )
    commitments = []
    for application in granted:
        first = rng.randrange(FIRST_YEAR, FIRST_YEAR + 8)
        decided = date(first, 1, 1) + timedelta(days=rng.randrange(150))
        for year in range(first, first + rng.choice([1, 2, 3])):
            amount = Decimal(rng.randrange(100, 3000) * 1000)
            years.append(
                ApplicationYear(
                    municipality=stavanger,
                    application=application,
                    year=year,
                    amount_applied=amount,
                    amount_granted=amount,
                )
            )
            ledger.append(
                entry(
                    EntryKind.COMMITMENT,
                    amount,
                    decided,
                    application=application,
                    budget_year=year,
                    reference="Vedtak",
                )
            )
            commitments.append((application, year, amount, decided))
    # Disbursements fill the ledger up to ``entries``: small enough never to pass their grant.
    per_grant = max(1, -(-(entries - len(ledger)) // max(1, len(commitments))))
    today = timezone.localdate()
    for application, year, amount, decided in commitments:
        for step in range(per_grant):
            day = min(decided + timedelta(days=30 * (step + 1)), today)
            if step == per_grant - 1 and rng.random() < 0.1:
                ledger.append(
                    entry(
                        EntryKind.RELEASE,
                        (amount / per_grant / 4).quantize(Decimal("0.01")),
                        day,
                        application=application,
                        budget_year=year,
                    )
                )
                continue
            ledger.append(
                entry(
                    EntryKind.DISBURSEMENT,
                    (amount / per_grant / 2).quantize(Decimal("0.01")),
                    day,
                    application=application,
                    budget_year=year,
                    reference=f"Bilag {year}-{step}",
                    note="Eksempelbeløp" if rng.random() < 0.01 else "",
                )
            )
    ApplicationYear.objects.bulk_create(years, batch_size=BATCH)
    ledger = LedgerEntry.objects.bulk_create(ledger, batch_size=BATCH)
    corrections = [
        LedgerEntry(
            municipality=stavanger,
            fund=fund,
            kind=original.kind,
            amount=-original.amount,
            application_id=original.application_id,
            budget_year=original.budget_year,
            entry_date=original.entry_date,
            note="Feilført",
            corrects=original,
            recorded_by=office,
        )
        for original in rng.sample(
            [e for e in ledger if e.kind == EntryKind.DISBURSEMENT], k=min(200, len(ledger) // 100)
        )
    ]
    LedgerEntry.objects.bulk_create(corrections, batch_size=BATCH)
    settled = [
        GainReturn(
            municipality=stavanger,
            application=application,
            year=year + 1,
            amount_due=Decimal(0),
            status=GainReturnStatus.WAIVED,
            reason="Gevinsten var kvalitet.",
            settled_by=office,
            settled_at=timezone.make_aware(datetime(year + 2, 2, 1)),
        )
        for application, year, _amount, _decided in commitments[:: max(1, len(commitments) // 300)]
        if year + 1 < today.year
    ]
    GainReturn.objects.bulk_create(settled, batch_size=BATCH, ignore_conflicts=True)
    # Written around the ledger service: its totals are summed once, as the command does.
    ledger_totals_rebuild(fund=fund)
    return {
        "fund": fund.pk,
        "applications": len(made),
        "granted": len(granted),
        "entries": len(ledger) + len(corrections),
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
    parser.add_argument("--initiatives", type=int, default=2_000)
    parser.add_argument("--benefits", type=int, default=6_000)
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=100_000)
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

    from bench_benefits import generate_benefits  # beside this script

    from helhet.accounts.models import Membership
    from helhet.benefits.services.monetary import monetary_gains_rebuild
    from helhet.demo.municipalities import build_demo
    from helhet.fund.models import Fund
    from helhet.fund.selectors.review import fund_review

    stavanger = build_demo()["stavanger"]
    started = time.perf_counter()
    call_command(
        "generate_bench_data", municipality="stavanger", initiatives=args.initiatives, verbosity=0
    )
    rng = random.Random(2017)
    with transaction.atomic():
        benefits = generate_benefits(stavanger, args.benefits, rng)
        made = generate_fund(
            stavanger, applications=args.applications, entries=args.entries, rng=rng
        )
        # The benefits were written around the services too: their gains are stored once.
        monetary_gains_rebuild(municipality=stavanger)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    generated = time.perf_counter() - started
    membership = Membership.objects.select_related("user", "municipality").get(
        user__username="leser"
    )
    client = Client()
    client.force_login(membership.user)
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"One fund with {made['entries']} ledger entries and {made['applications']} applications "
        f"({made['granted']} granted) from {args.initiatives} initiatives with "
        f"{benefits['benefits']} benefits and {benefits['measurements']} measurements in "
        f"Stavanger, generated in {generated:.1f} s; {args.requests} runs each ({database}, "
        "Django test client, one process)."
    )

    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    fund = Fund.objects.get(pk=made["fund"])
    today = timezone.localdate()
    print(f"{'what':<46} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'kB':>7}")
    queries.clear()
    with connection.execute_wrapper(count):
        fund_review(fund, municipality=stavanger, today=today)
    median, p95 = _timed(
        partial(fund_review, fund, municipality=stavanger, today=today), args.requests
    )
    print(f"{'fund_review()':<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8} {'':>7}")

    pages = [
        ("review /fond/<pk>/gjennomgang/", f"/fond/{fund.pk}/gjennomgang/", args.requests),
        ("gains /fond/<pk>/gevinster/", f"/fond/{fund.pk}/gevinster/", args.requests),
    ]
    for label, url, runs in pages:
        queries.clear()
        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content) / 1024
        median, p95 = _timed(partial(client.get, url), runs)
        print(f"{label:<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8} {size:>7.0f}")

    # The exports are made on the worker (fund.tasks, issue 15): timed as the job makes them.
    from helhet.files.models import PreparedFile
    from helhet.fund.tasks import review_file

    for label, extension in (
        ("review .xlsx (every grant), job", "xlsx"),
        ("review .pdf, job", "pdf"),
    ):
        asked = PreparedFile(
            municipality=stavanger,
            owner=membership.user,
            parameters={"fund": fund.pk, "format": extension},
        )
        queries.clear()
        with connection.execute_wrapper(count):
            made_file = review_file(asked, membership)
        median, p95 = _timed(partial(review_file, asked, membership), 3)
        size = len(made_file.content) / 1024
        print(f"{label:<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8} {size:>7.0f}")


if __name__ == "__main__":
    main()
