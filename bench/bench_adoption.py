"""How fast the adoption overviews answer with 200 solutions, each used by 300 units, each unit
counted every month for 5 years (3.6 million counts).

Builds a throw-away database (a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL when it is set, as under scripts/with-postgres.sh), migrates it, loads the demo
municipalities, adds 300 home-service units to Stavanger, then writes the solutions and their
units with bulk_create and the monthly counts with one INSERT ... SELECT (a count's value is a
fixed formula of the unit and the month, so each unit's kept figures, which the count services
keep in production, are written from the same formula). It then times the list of solutions
(each one's adoption in total and its flags), a solution's page (its 300 units, 24 months over
time), the units needing follow-up across solutions, and the API's list, through the test
client, many times, and prints the median and 95th percentile server time and the number of
database queries. Prints figures; asserts nothing.

    make bench            # SQLite and PostgreSQL
    .venv/bin/python bench/bench_adoption.py [--solutions N] [--units N] [--months N]
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_adoption.py
"""

import argparse
import os
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

BATCH = 5000


def _first_month(months: int, today: date) -> date:
    first = today.replace(day=15)
    for _ in range(months - 1):
        first = (first.replace(day=1) - timedelta(days=1)).replace(day=15)
    return first


def _add_month(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, day.day)


def generate(stavanger: Any, *, solutions: int, units: int, months: int) -> dict[str, int]:
    """The solutions, their units with the kept figures of their two newest counts, and every
    count, written directly (the services lock and validate one count at a time)."""
    from django.db import connection
    from django.utils import timezone

    from helhet.adoption.models import Solution, SolutionUnit
    from helhet.organization.models import OrgUnit, UnitKind

    today = timezone.localdate()
    first = _first_month(months, today)
    area = OrgUnit.objects.create(
        municipality=stavanger, kind=UnitKind.SERVICE_AREA, name="Benk: helse og velferd"
    )
    department = OrgUnit.objects.create(
        municipality=stavanger, kind=UnitKind.DEPARTMENT, parent=area, name="Benk: hjemmetjenester"
    )
    org_units = OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                municipality=stavanger,
                kind=UnitKind.UNIT,
                parent=department,
                name=f"Benk: sone {number:03d} hjemmebaserte tjenester",
            )
            for number in range(units)
        ],
        batch_size=BATCH,
    )
    made = Solution.objects.bulk_create(
        [
            Solution(
                municipality=stavanger,
                name=f"Velferdsteknologi {number:03d}",
                in_use_since=first - timedelta(days=31),
                measure_name="i bruk",
                base_name="aktuelle brukere",
                target_percent=Decimal(40),
                count_interval_days=31,
            )
            for number in range(solutions)
        ],
        batch_size=BATCH,
    )
    rows = [
        SolutionUnit(
            municipality=stavanger,
            solution=solution,
            unit=org_unit,
            added_on=first,
            eligible_base=0,
        )
        for solution in made
        for org_unit in org_units
    ]
    rows = SolutionUnit.objects.bulk_create(rows, batch_size=BATCH)
    last = _add_month(first, months - 1)
    # Only numbers and dates of our own go into the statements below.
    base_sql = "(50 + (id * 13) %% 250)"

    def value_at(month: int, table: str = "") -> str:
        return f"({base_sql} * (({table}id * 37 + {month} * 11) %% 61) / 100)"

    latest, previous = value_at(months - 1), value_at(months - 2)
    figures = (
        f"eligible_base = {base_sql}, latest_eligible = {base_sql}, "
        f"latest_counted_on = %s, count_due_on = %s, latest_value = {latest}, "
        f"previous_value = {previous}, latest_percent = ROUND({latest} * 100.0 / {base_sql}, 2), "
        f"previous_percent = ROUND({previous} * 100.0 / {base_sql}, 2), "
        f"fell = ({latest} < {previous})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE adoption_solutionunit SET {figures} WHERE municipality_id = %s",  # noqa: S608
            [last, last + timedelta(days=31), stavanger.pk],
        )
    # Every count in one statement: su.id's base and value as _base and _value compute them.
    base_sql = "(50 + (su.id * 13) %% 250)"
    value_sql = f"({base_sql} * ((su.id * 37 + m.m * 11) %% 61) / 100)"
    # Only numbers and a date of our own go into the statement.
    if connection.vendor == "postgresql":
        months_sql = f"SELECT generate_series(0, {months - 1}) AS m"
        day_sql = f"(DATE '{first.isoformat()}' + m.m * INTERVAL '1 month')::date"
        now_sql = "now()"
    else:
        last_month = months - 1
        months_sql = "WITH RECURSIVE s(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM s "
        months_sql += f"WHERE m < {last_month}) SELECT m FROM s"  # noqa: S608
        day_sql = f"date('{first.isoformat()}', '+' || m.m || ' months')"
        now_sql = "CURRENT_TIMESTAMP"
    columns = "municipality_id, solution_unit_id, counted_on, value, eligible, comment, source"
    select = f"su.municipality_id, su.id, {day_sql}, {value_sql}, {base_sql}, '', 'imported'"
    sql = f"INSERT INTO adoption_adoptioncount ({columns}, recorded_at) SELECT {select}, "
    sql += f"{now_sql} FROM adoption_solutionunit su CROSS JOIN ({months_sql}) m "
    sql += "WHERE su.municipality_id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [stavanger.pk])
    return {
        "solutions": len(made),
        "units": len(rows),
        "counts": len(rows) * months,
        "department": department.pk,
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
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--months", type=int, default=60)
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

    from helhet.accounts.models import Membership
    from helhet.accounts.services import api_token_create
    from helhet.adoption.models import Solution
    from helhet.demo.municipalities import build_demo

    stavanger = build_demo()["stavanger"]
    started = time.perf_counter()
    with transaction.atomic():
        made = generate(stavanger, solutions=args.solutions, units=args.units, months=args.months)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    generated = time.perf_counter() - started
    if made["units"] <= 2000:
        # The figures written from the formula are those the count services would keep.
        from helhet.adoption.services.counts import adoption_figures_rebuild

        with transaction.atomic():
            changed = adoption_figures_rebuild(municipality=stavanger)
            transaction.set_rollback(True)
        print(f"Units whose kept figures differ from their counts: {changed}")
    membership = Membership.objects.select_related("user", "municipality").get(
        user__username="leser"
    )
    client = Client()
    client.force_login(membership.user)
    _token, key = api_token_create(membership=membership, name="Benk")
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"{made['solutions']} solutions, each used by {args.units} units ({made['units']} in "
        f"all), {made['counts']} monthly counts over {args.months} months, generated in "
        f"{generated:.1f} s; {args.requests} runs each ({database}, Django test client, one "
        "process)."
    )
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    solution = Solution.objects.filter(municipality=stavanger).order_by("name").first()
    assert solution is not None
    pages = [
        ("solutions /losninger/", "/losninger/", {}),
        (f"a solution /losninger/<pk>/ ({args.units} units)", f"/losninger/{solution.pk}/", {}),
        ("follow-up /losninger/bruk/ (page 1)", "/losninger/bruk/", {}),
        (
            "follow-up, fell, one department",
            f"/losninger/bruk/?why=fell&unit={made['department']}",
            {},
        ),
        ("API /api/v1/solutions", "/api/v1/solutions", {"Authorization": f"Bearer {key}"}),
        (
            "API /api/v1/solutions/<pk>",
            f"/api/v1/solutions/{solution.pk}",
            {"Authorization": f"Bearer {key}"},
        ),
    ]
    print(f"{'what':<46} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'kB':>7}")
    for label, url, headers in pages:
        queries.clear()
        with connection.execute_wrapper(count):
            response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content) / 1024
        median, p95 = _timed(partial(client.get, url, headers=headers), args.requests)
        print(f"{label:<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8} {size:>7.0f}")


if __name__ == "__main__":
    main()
