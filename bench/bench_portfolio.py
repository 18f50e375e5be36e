"""How fast the portfolio pages and API answer for a municipality with 10,000 initiatives.

Builds a throw-away database (a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL when it is set, as under scripts/with-postgres.sh), migrates it, loads the demo
municipalities and generates the initiatives (each with 5 status reports) in Stavanger, then
requests each page many times through Django's test client and prints the median and 95th
percentile server time and the number of database queries. Prints figures; asserts nothing.

    make bench            # SQLite and PostgreSQL
    .venv/bin/python bench/bench_portfolio.py [--initiatives N] [--requests N]
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_portfolio.py
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--initiatives", type=int, default=10_000)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="helhet-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)

    from helhet.accounts.models import Membership
    from helhet.accounts.services import api_token_create
    from helhet.demo.municipalities import build_demo

    build_demo()
    started = time.perf_counter()
    call_command(
        "generate_bench_data", municipality="stavanger", initiatives=args.initiatives, verbosity=0
    )
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
        f"{args.initiatives} initiatives with 5 status reports each in Stavanger, generated in "
        f"{generated:.1f} s; {args.requests} requests per page ({database}, Django test client, "
        "one process)."
    )
    pages = [
        ("overview /portefolje/", "/portefolje/", {}),
        ("overview, filtered and sorted", "/portefolje/?status=active&kind=project&sort=-cost", {}),
        ("timeline /portefolje/tidslinje/", "/portefolje/tidslinje/", {}),
        ("cross-department /portefolje/tverrgaende/", "/portefolje/tverrgaende/", {}),
        ("API /api/v1/initiatives", "/api/v1/initiatives", api),
        ("API /api/v1/initiatives?page_size=200", "/api/v1/initiatives?page_size=200", api),
        ("API /api/v1/portfolio/summary", "/api/v1/portfolio/summary", api),
    ]
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    print(f"{'page':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'kB':>7}")
    for label, url, headers in pages:
        queries.clear()
        # Django resets connection.queries at each request, so count with a wrapper instead.
        try:
            with connection.execute_wrapper(count):
                response = client.get(url, headers=headers)
        except NotImplementedError:
            print(f"{label:<44} {'(not built yet)':>10}")
            continue
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content) / 1024
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(url, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(
            f"{label:<44} {statistics.median(timings):>10.1f} {p95:>8.1f} "
            f"{len(queries):>8} {size:>7.0f}"
        )


if __name__ == "__main__":
    main()
