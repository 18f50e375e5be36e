"""``make load``: a bounded locust scenario (bench/load/locustfile.py) of 50 simulated municipal
people against Helhet as production runs it, on this machine: a fresh database in the throw-away
PostgreSQL (run under scripts/with-postgres.sh), migrated, static files collected, the demo
loaded (by the development command, into this throw-away database only), gunicorn with debug off
on localhost. Prints the median, 95th and 99th percentile response time per page and the number
of errors; asserts nothing.

    make load
    bash scripts/with-postgres.sh .venv/bin/python bench/load/run.py [--users 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.production.servers import (  # noqa: E402 - the repository root first
    fresh_database,
    gunicorn,
    manage,
    postgres_url,
    production_environment,
    script,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    if postgres_url() is None:
        sys.exit("Kjør under scripts/with-postgres.sh (make load gjør det).")
    with (
        tempfile.TemporaryDirectory(prefix="helhet-load-") as folder,
        fresh_database("helhet_load") as database_url,
    ):
        var_dir = Path(folder)
        env = production_environment(database_url=database_url, var_dir=var_dir)
        script(env, "migrate.sh")
        script(env, "collect-static.sh")
        manage({**env, "HELHET_DEBUG": "true"}, "load_demo")
        with gunicorn(env, log=var_dir / "gunicorn.log", workers=args.workers) as server:
            prefix = var_dir / "locust"
            subprocess.run(  # noqa: S603 - our own interpreter and arguments
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "bench" / "load" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    "10",
                    "--run-time",
                    f"{args.seconds}s",
                    "--host",
                    server.url,
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                check=False,
                capture_output=True,
            )
            _report(prefix, args)


def _report(prefix: Path, args: argparse.Namespace) -> None:
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    print(
        f"{args.users} simulated people for {args.seconds} s against gunicorn "
        f"({args.workers} workers, debug off) and PostgreSQL on this machine:"
    )
    print(f"{'page':<34} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for row in rows:
        print(
            f"{row['Name'][:34]:<34} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )


if __name__ == "__main__":
    main()
