"""How fast the organisation pages and the API answer for a large municipality.

Builds, in a throw-away SQLite database, the demo municipalities plus a large one (by default 40
service areas x 10 departments x 5 units = 2,440 units, and 1,000 people), then requests each page
many times through Django's test client and prints the median and 95th percentile time and the
number of database queries. Prints figures; asserts nothing.

    make bench            # or: .venv/bin/python bench/bench_organization.py [--requests N]
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
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--service-areas", type=int, default=40)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="helhet-bench-")
    # PostgreSQL when run under scripts/with-postgres.sh, else a throw-away SQLite file.
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
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

    from helhet.accounts.models import ApiToken, Membership, User
    from helhet.accounts.roles import Role
    from helhet.accounts.services import api_token_create
    from helhet.demo.municipalities import build_demo
    from helhet.organization.models import Municipality, OrgUnit, UnitKind

    build_demo()
    big = Municipality.objects.create(name="Storby kommune", slug="storby", org_number="999999999")
    areas = OrgUnit.objects.bulk_create(
        OrgUnit(municipality=big, name=f"Område {a}", kind=UnitKind.SERVICE_AREA)
        for a in range(args.service_areas)
    )
    departments = OrgUnit.objects.bulk_create(
        OrgUnit(municipality=big, parent=area, name=f"Avdeling {d}", kind=UnitKind.DEPARTMENT)
        for area in areas
        for d in range(10)
    )
    units = OrgUnit.objects.bulk_create(
        OrgUnit(municipality=big, parent=dep, name=f"Virksomhet {u}", kind=UnitKind.UNIT)
        for dep in departments
        for u in range(5)
    )
    users = User.objects.bulk_create(User(username=f"person{i}") for i in range(args.people))
    Membership.objects.bulk_create(
        Membership(municipality=big, user=user, role=Role.READER, unit=units[i % len(units)])
        for i, user in enumerate(users)
    )
    admin = users[0]
    Membership.objects.filter(user=admin).update(role=Role.ADMIN)
    membership = Membership.objects.get(user=admin)
    _token, key = api_token_create(membership=membership, name="Benchmark")
    assert ApiToken.objects.count() == 1

    client = Client()
    client.force_login(admin)
    total_units = OrgUnit.objects.filter(municipality=big).count()
    print(
        f"Municipality with {total_units} units and {args.people} people; "
        f"{args.requests} requests per page ({connection.vendor}, Django test client, one process)."
    )
    pages = [
        ("start page /", "/", {}),
        ("organisation tree /organisasjon/", "/organisasjon/", {}),
        ("people /personer/", "/personer/", {}),
        ("unit page", f"/organisasjon/enheter/{units[0].pk}/", {}),
        (
            "API /api/v1/organization",
            "/api/v1/organization",
            {"Authorization": f"Bearer {key}"},
        ),
    ]
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    print(f"{'page':<36} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'kB':>7}")
    for label, url, headers in pages:
        timings = []
        queries.clear()
        # Django resets connection.queries at each request, so count with a wrapper instead.
        with connection.execute_wrapper(count):
            response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content) / 1024
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(url, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(
            f"{label:<36} {statistics.median(timings):>10.1f} {p95:>8.1f} "
            f"{len(queries):>8} {size:>7.0f}"
        )


if __name__ == "__main__":
    main()
