"""``make load``: a bounded locust scenario (bench/load/locustfile.py) of 50 simulated municipal
people against Helhet as production runs it, on this machine: a fresh database in the throw-away
PostgreSQL (run under scripts/with-postgres.sh), migrated, static files collected, the demo
loaded (by the development command, into this throw-away database only; a copy is kept in
var/load/ and restored by the next run of the same code that day, ``--rebuild`` to make it
afresh), gunicorn with debug off on localhost. The people log in while they are spawned (the
ramp-up), then the working day is measured for ``--seconds``: p50/p95/p99 per page and overall,
requests per second, and every error (the ramp-up's too); the logins are lines of their own.
Also how busy the machine was (CPU-seconds of the server, of PostgreSQL, of locust and of
everything else), since the figures mean little on a machine others are using. Printed, and
written to var/load/ (report.txt and figures.json). Asserts nothing; the goal (p95 < 300 ms, no
errors) is stated in the report.

    make load
    bash scripts/with-postgres.sh .venv/bin/python bench/load/run.py [--users 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import psutil

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

GOAL_P95_MS = 300
OUT = ROOT / "var" / "load"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60, help="the measured window")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--think",
        default="5-15",
        help="seconds a person reads a page before the next, from-to (default 5-15)",
    )
    parser.add_argument(
        "--spawn-rate",
        type=float,
        default=2.5,
        help="people starting (logging in) per second (default 2.5: 50 in 20 s)",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="migrate and load the demo even if var/load/ keeps a copy made by this code today",
    )
    args = parser.parse_args()
    if postgres_url() is None:
        sys.exit("Kjør under scripts/with-postgres.sh (make load gjør det).")
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="helhet-load-") as folder,
        fresh_database("helhet_load") as database_url,
    ):
        var_dir = Path(folder)
        env = production_environment(database_url=database_url, var_dir=var_dir)
        # The static files need no database: collected while the database is made.
        with ThreadPoolExecutor(2) as pool:
            collected = pool.submit(script, env, "collect-static.sh")
            database = _demo_database(env, database_url, rebuild=args.rebuild)
            collected.result()
        set_up = time.monotonic() - started
        with gunicorn(env, log=var_dir / "gunicorn.log", workers=args.workers) as server:
            result = var_dir / "figures.json"
            cpu, output = run_measured(
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
                    str(args.spawn_rate),
                    # The locustfile ends the run when the window is over; this is a bound.
                    "--run-time",
                    f"{args.seconds + 120}s",
                    "--host",
                    server.url,
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                {
                    **os.environ,
                    "HELHET_LOAD_PEOPLE": str(args.users),
                    "HELHET_LOAD_SECONDS": str(args.seconds),
                    "HELHET_LOAD_THINK": args.think,
                    "HELHET_LOAD_RESULT": str(result),
                },
                server_pid=server.process.pid,
                marker=Path(f"{result}.started"),
            )
            if not result.exists():
                sys.exit(f"locust gave no figures:\n{output}")
            figures = json.loads(result.read_text())
    figures["settings"] = vars(args)
    figures["set_up_seconds"] = set_up
    figures["database"] = database
    figures["all_in_seconds"] = time.monotonic() - started
    figures["cpu"] = cpu.figures()
    report = _report(figures)
    print(report)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.txt").write_text(report + "\n", encoding="utf-8")
    (OUT / "figures.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"\n(Also in {OUT.relative_to(ROOT)}/report.txt and figures.json.)")


def _demo_database(env: dict[str, str], database_url: str, *, rebuild: bool) -> str:
    """Migrate the empty database and load the demo (~65 CPU-seconds, most of them Django's
    migrations), and keep a copy (pg_dump) in var/load/; a later run of the same code on the
    same day restores that copy instead, in seconds. The copy's name holds a digest of
    everything that can change what migrate and load_demo write (the code, migrations,
    translations and demo data under helhet/ and config/, not the templates or static files)
    and the date (the demo's dates are relative to today). Says which it did."""
    digest = hashlib.sha256(date.today().isoformat().encode())
    for folder in ("helhet", "config"):
        for path in sorted((ROOT / folder).rglob("*")):
            parts = path.relative_to(ROOT).parts
            if not path.is_file() or path.suffix == ".pyc" or "__pycache__" in parts:
                continue
            if len(parts) > 1 and parts[1] in ("templates", "static"):
                continue
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    copy = OUT / f"demo-{digest.hexdigest()[:16]}.pgdump"
    if copy.exists() and not rebuild:
        subprocess.run(  # noqa: S603 - PostgreSQL's own program
            [_pg_program("pg_restore"), "--no-owner", "--dbname", database_url, str(copy)],
            check=True,
        )
        return f"the demo database restored from {copy.relative_to(ROOT)}"
    # Generous bounds: on a busy machine migrating has taken over four minutes.
    script(env, "migrate.sh", timeout=900)
    manage({**env, "HELHET_DEBUG": "true"}, "load_demo", timeout=600)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("demo-*.pgdump"):
        old.unlink()
    subprocess.run(  # noqa: S603 - PostgreSQL's own program
        [_pg_program("pg_dump"), "--format=custom", "--file", str(copy), database_url],
        check=True,
    )
    return "migrated and the demo loaded (a copy kept for the next run)"


def _pg_program(name: str) -> str:
    """``pg_dump`` or ``pg_restore`` of the PostgreSQL scripts/with-postgres.sh runs (PG_BIN,
    else the newest /usr/lib/postgresql/<version>/bin, else on PATH)."""
    folders = [os.environ.get("PG_BIN", "")]
    folders += [
        str(path)
        for path in sorted(
            Path("/usr/lib/postgresql").glob("*/bin"),
            key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
            reverse=True,
        )
    ]
    for folder in folders:
        if folder and (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return name


@dataclass
class Cpu:
    """CPU-seconds used in the working day's window (from when the locustfile marks its start
    until locust has ended): by gunicorn (master and workers), PostgreSQL, locust and everything
    else on the machine."""

    seconds: float = 0.0
    server: float = 0.0
    postgres: float = 0.0
    locust: float = 0.0
    machine: float = 0.0

    def figures(self) -> dict[str, Any]:
        others = max(0.0, self.machine - self.server - self.postgres - self.locust)
        return {
            "cpus": psutil.cpu_count(),
            "seconds": self.seconds,
            "server": self.server,
            "postgres": self.postgres,
            "locust": self.locust,
            "others": others,
        }


def _tree_seconds(pid: int) -> float:
    """CPU-seconds of a process and its children so far: those running, and those that ended
    (a database connection closed, a gunicorn worker restarted) as the process counts them."""
    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
        ended = parent.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    total = ended.children_user + ended.children_system
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _postmaster() -> int | None:
    """The throw-away cluster's server process (scripts/with-postgres.sh keeps its data beside
    the socket folder DATABASE_URL names), so other PostgreSQL servers on the machine are not
    counted as ours."""
    url = postgres_url() or ""
    folder = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("host", [""])[0]
    try:
        return int((Path(folder) / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _machine_seconds() -> float:
    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def _children_seconds() -> float:
    """CPU-seconds of this process's ended children (locust, once it has ended)."""
    times = os.times()
    return times.children_user + times.children_system


def _snapshot(server_pid: int) -> tuple[float, float, float, float]:
    postmaster = _postmaster()
    return (
        time.monotonic(),
        _tree_seconds(server_pid),
        _tree_seconds(postmaster) if postmaster is not None else 0.0,
        _machine_seconds(),
    )


def run_measured(
    command: list[str], env: dict[str, str], *, server_pid: int, marker: Path
) -> tuple[Cpu, str]:
    """Run locust (``command``) and count the CPU-seconds of the working day: from when
    ``marker`` appears until locust has ended. Also locust's output."""
    ended_children = _children_seconds()
    with subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as locust:
        before: tuple[float, float, float, float] | None = None
        locust_before = 0.0
        while locust.poll() is None:
            if before is None and marker.exists():
                before = _snapshot(server_pid)
                locust_before = _tree_seconds(locust.pid)
            time.sleep(0.1)
        output = locust.stdout.read() if locust.stdout else ""
    after = _snapshot(server_pid)
    if before is None:
        before, locust_before = after, 0.0
    locust_seconds = _children_seconds() - ended_children - locust_before
    cpu = Cpu(
        seconds=after[0] - before[0],
        server=after[1] - before[1],
        postgres=after[2] - before[2],
        locust=locust_seconds,
        machine=after[3] - before[3],
    )
    return cpu, output


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _line(name: str, figures: dict[str, Any]) -> str:
    return (
        f"{name[:36]:<36} {figures['requests']:>8} {figures['errors']:>6} "
        f"{_ms(figures['p50']):>7} {_ms(figures['p95']):>7} {_ms(figures['p99']):>7} "
        f"{figures['per_second']:>6.1f}"
    )


def _report(figures: dict[str, Any]) -> str:
    settings = figures["settings"]
    ramp = figures["ramp"]
    total = figures["total"]
    cpu = figures["cpu"]
    header = (
        f"{'page':<36} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'per s':>6}"
    )
    lines = [
        f"make load: {settings['users']} simulated people against gunicorn "
        f"({settings['workers']} workers, debug off) and PostgreSQL on this machine "
        f"({cpu['cpus']} CPUs), each reading a page {settings['think']} s before the next.",
        "",
        f"The working day: {figures['window_seconds']:.0f} s from when the last person had "
        "logged in (pages opened during the ramp-up are not in these figures):",
        header,
        *(
            _line(line["name"], line)
            for line in figures["pages"]
            if line["name"] not in ("/logg-inn/", "/logg-inn/ (POST)")
        ),
        _line("All pages", total),
        "",
        f"The logins, during the ramp-up ({ramp.get('seconds', 0):.0f} s, "
        f"{settings['spawn_rate']:g} people a second starting; a password check is ~0.25 "
        "CPU-seconds by design):",
        header,
        *(_line(line["name"], line) for line in ramp.get("logins", [])),
    ]
    if ramp.get("logged_in", 0) < settings["users"]:
        lines.append(
            f"(The day started after the ramp-up's limit with {ramp.get('logged_in', 0)} of "
            f"{settings['users']} logins answered: the rest logged in during the window.)"
        )
    errors = total["errors"] + ramp.get("errors", 0)
    lines += ["", f"Errors: {errors} ({ramp.get('errors', 0)} during the ramp-up)."]
    for error in [*ramp.get("error_list", []), *figures["error_list"]]:
        lines.append(f"  {error['count']} × {error['name']}: {error['error'][:120]}")
    verdict = (
        "met"
        if total["p95"] is not None and total["p95"] < GOAL_P95_MS and errors == 0
        else "NOT met"
    )
    lines += [
        f"Goal (all pages p95 < {GOAL_P95_MS} ms, no errors): {verdict}.",
        "",
        f"CPU-seconds in the working day ({cpu['seconds']:.0f} s; {cpu['cpus']} CPUs = "
        f"{cpu['cpus'] * cpu['seconds']:.0f} CPU-seconds): gunicorn {cpu['server']:.1f}, "
        f"PostgreSQL {cpu['postgres']:.1f}, locust {cpu['locust']:.1f}, everything else on the "
        f"machine {cpu['others']:.1f}"
        + (" (the machine was busy: compare only with runs as busy)." if _busy(cpu) else "."),
        f"A page cost {_per_page(cpu['server'], total)} CPU-ms in gunicorn and "
        f"{_per_page(cpu['postgres'], total)} in PostgreSQL on average.",
        f"Set-up ({figures['database']}; static files) {figures['set_up_seconds']:.0f} s; "
        f"all in {figures['all_in_seconds']:.0f} s.",
    ]
    return "\n".join(lines)


def _per_page(seconds: float, total: dict[str, Any]) -> str:
    return f"{1000 * seconds / total['requests']:.0f}" if total["requests"] else "–"


def _busy(cpu: dict[str, Any]) -> bool:
    """Others used more than a tenth of the machine meanwhile."""
    return bool(cpu["others"] > 0.1 * cpu["cpus"] * cpu["seconds"])


if __name__ == "__main__":
    main()
