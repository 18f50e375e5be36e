"""How fast the portfolio's import and export are: importing 5,000 rows from .xlsx and exporting
10,000 initiatives (with 5 status reports each) to .xlsx and .csv.

Builds the demo municipalities in a throw-away SQLite database (or in the empty database given
with --database-url, e.g. a PostgreSQL one), then:

- import: writes a 5,000-row workbook as a user's Excel would, reads and checks it, and creates
  the initiatives through initiative_create (one transaction), as the import page does;
- export: fills Bergen with 10,000 initiatives (manage.py generate_bench_data) and downloads the
  overview's export as .xlsx and .csv through Django's test client.

Goals (issue 3): import under 10 s, export under 5 s. Prints figures; asserts nothing.

    make bench            # or: .venv/bin/python bench/bench_exchange.py [--rows N] [--export N]
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000, help="rows to import")
    parser.add_argument("--export", type=int, default=10000, help="initiatives to export")
    parser.add_argument("--database-url", default="", help="an empty database to use instead")
    args = parser.parse_args()

    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    elif not os.environ.get("DATABASE_URL"):
        # PostgreSQL when run under scripts/with-postgres.sh, else a throw-away SQLite file.
        tmp = tempfile.mkdtemp(prefix="helhet-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment
    from openpyxl import Workbook  # type: ignore[import-untyped]

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="helhet-bench-media-")
    call_command("migrate", verbosity=0)

    from helhet.accounts.models import User
    from helhet.demo.municipalities import build_demo
    from helhet.organization.models import OrgUnit
    from helhet.portfolio import exchange
    from helhet.portfolio.models import Initiative
    from helhet.portfolio.services import goal_create

    demo = build_demo()
    stavanger, bergen = demo["stavanger"], demo["bergen"]
    units = list(OrgUnit.objects.filter(municipality=stavanger).values_list("name", flat=True))
    goals = [
        goal_create(actor=None, municipality=stavanger, name=name, level="municipal", kind="goal")
        for name in ("Digitalt førstevalg", "Mer åpenhet og tilgjengelighet", "Bedre tjenester")
    ]
    kinds = ["idé", "prosjekt", "program", "aktivitet"]
    leaders = ["prosjektleder", "eier", "portefolje", ""]

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Tiltak")
    sheet.append([column.header for column in exchange.COLUMNS])
    for index in range(args.rows):
        row = {
            "name": f"Tiltak {index:05d}",
            "kind": kinds[index % 4],
            "owning_unit": units[index % len(units)],
            "short_description": "Digital arbeidsflyt for saksbehandling og arkiv.",
            "status": "aktiv",
            "planned_start": f"{1 + index % 28:02d}.{1 + index % 12:02d}.2024",
            "planned_end": "2026-12-31",
            "estimated_cost": f"{100_000 + index * 37} 500,50",
            "project_leader": leaders[index % 4],
            "participating_units": "; ".join(units[(index + k) % len(units)] for k in (1, 2)),
            "goals": goals[index % 3].name,
            "tags": f"tema {index % 20}; område {index % 7}",
            "processes_personal_data": "Ja" if index % 2 else "Nei",
            "ros_status": "planlagt" if index % 2 else "",
        }
        sheet.append([row.get(column.key, "") for column in exchange.COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    portefolje = User.objects.get(username="portefolje")

    print(f"Import of {args.rows} rows from .xlsx ({len(data) / 1024:.0f} kB), {connection.vendor}")
    start = time.perf_counter()
    table = exchange.read_table("tiltak.xlsx", data)
    read = time.perf_counter()
    preview = exchange.check_import(municipality=stavanger, table=table)
    checked = time.perf_counter()
    assert preview.ok, preview.problems[:5]
    exchange.import_rows(actor=portefolje, municipality=stavanger, rows=preview.rows)
    done = time.perf_counter()
    created = Initiative.objects.filter(municipality=stavanger).count()
    print(
        f"  read {read - start:6.2f} s   check {checked - read:6.2f} s   "
        f"create {done - checked:6.2f} s   total {done - start:6.2f} s "
        f"({created} initiatives; goal < 10 s)"
    )

    call_command(
        "generate_bench_data", municipality=bergen.slug, initiatives=args.export, verbosity=0
    )
    from helhet.accounts.models import Membership
    from helhet.files.models import PreparedFile
    from helhet.portfolio.tasks import portfolio_export_file

    membership = Membership.objects.select_related("user", "municipality").get(
        user__username="bergen-admin"
    )
    total = Initiative.objects.filter(municipality=bergen).count()
    print(
        f"Export of {total} initiatives by the job that makes the file (portfolio.tasks, on the "
        f"worker since issue 15), {connection.vendor}"
    )
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    for label in ("xlsx", "csv"):
        queries.clear()
        asked = PreparedFile(
            municipality=bergen, owner=membership.user, parameters={"format": label, "query": ""}
        )
        start = time.perf_counter()
        with connection.execute_wrapper(count):
            made = portfolio_export_file(asked, membership)
        elapsed = time.perf_counter() - start
        print(
            f"  {label:<5} {elapsed:6.2f} s   {len(queries):3d} queries   "
            f"{len(made.content) / 1024:7.0f} kB (goal < 5 s)"
        )


if __name__ == "__main__":
    main()
