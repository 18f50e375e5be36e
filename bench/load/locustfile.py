"""The load scenario of ``make load``: municipal people at work in the demo municipality, each
logging in as one of the demo's roles and going through the pages of their day (start page,
portfolio, an initiative, benefits, lessons search, ideas, fund, solutions, services, decisions
waiting), reading each page a while before the next. Run by bench/load/run.py against a
production-mode server, which passes the settings below in the environment.

What is measured (the "working day"): the people log in while they are spawned (the ramp-up; a
login is a password check, ~0.25 CPU-seconds by design, so 50 logins at once are a queue of
their own); when the last of them has logged in, locust's statistics are reset and the clock
runs for HELHET_LOAD_SECONDS. The pages' figures are of that window only. The logins (the login
page and its POST) are reported as lines of their own, from the ramp-up; the pages people opened
during the ramp-up are not in the figures, but an error there is counted in the errors."""

from __future__ import annotations

import json
import os
import random
import re
import time
from typing import Any

import gevent
from locust import HttpUser, between, events, task
from locust.env import Environment
from locust.stats import RequestStats, StatsEntry

PEOPLE = ["portefolje", "prosjektleder", "eier", "gevinsteier", "leser", "direktor"]
PASSWORD = "demo"  # noqa: S105 - the demo users' published password
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INITIATIVE = re.compile(r'href="(/portefolje/tiltak/\d+/)"')
SEARCHES = ["dispenser", "robot", "innbygger", "sensor", "oppfølging"]
LOGIN_NAMES = ("/logg-inn/", "/logg-inn/ (POST)")

# How many people run (the window starts when all have logged in), how long the window is, the
# seconds a person reads a page (from-to), and where the figures go (JSON, read by run.py).
EXPECTED = int(os.environ.get("HELHET_LOAD_PEOPLE", "50"))
SECONDS = float(os.environ.get("HELHET_LOAD_SECONDS", "60"))
THINK = tuple(float(s) for s in os.environ.get("HELHET_LOAD_THINK", "2-8").split("-"))
RESULT = os.environ.get("HELHET_LOAD_RESULT", "")
# If a login never ends (a hung server), the window starts anyway after this long.
RAMP_LIMIT = float(os.environ.get("HELHET_LOAD_RAMP_LIMIT", "60"))


class Day:
    """The run's shared state: how many have logged in, and the ramp-up's figures once the
    working day's window has started."""

    logged_in = 0
    started_at: float | None = None
    ended_at: float | None = None
    ramp: dict[str, Any] = {}


def _figures(entry: StatsEntry, seconds: float) -> dict[str, Any]:
    return {
        "name": entry.name,
        "method": entry.method,
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "p50": entry.get_response_time_percentile(0.50) if entry.num_requests else None,
        "p95": entry.get_response_time_percentile(0.95) if entry.num_requests else None,
        "p99": entry.get_response_time_percentile(0.99) if entry.num_requests else None,
        "max": entry.max_response_time if entry.num_requests else None,
        "per_second": entry.num_requests / seconds if seconds else 0.0,
    }


def _errors(stats: RequestStats) -> list[dict[str, Any]]:
    return [
        {"name": error.name, "error": str(error.error), "count": error.occurrences}
        for error in stats.errors.values()
    ]


def _pages_total(stats: RequestStats) -> StatsEntry:
    """All pages together: locust's total without the logins (answered late, if the day
    started at the ramp-up's limit)."""
    total = StatsEntry(stats, "All pages", "", use_response_times_cache=False)
    for entry in stats.entries.values():
        if entry.name not in LOGIN_NAMES:
            total.extend(entry)
    return total


def _start_day(environment: Environment) -> None:
    """Keep the ramp-up's figures (the logins; errors), reset the statistics, and end the run
    SECONDS later."""
    if Day.started_at is not None:
        return
    stats = environment.stats
    ramp_seconds = time.time() - stats.total.start_time
    Day.ramp = {
        "seconds": ramp_seconds,
        "logged_in": Day.logged_in,
        "logins": [
            _figures(entry, ramp_seconds)
            for entry in stats.entries.values()
            if entry.name in LOGIN_NAMES
        ],
        "requests": stats.total.num_requests,
        "errors": stats.total.num_failures,
        "error_list": _errors(stats),
    }
    stats.reset_all()
    Day.started_at = time.time()
    if RESULT:
        # run.py starts counting CPU-seconds here.
        with open(f"{RESULT}.started", "w", encoding="utf-8") as marker:
            marker.write(str(Day.started_at))
    runner = environment.runner
    assert runner is not None
    gevent.spawn_later(SECONDS, runner.quit)


@events.test_start.add_listener
def _limit_ramp(environment: Environment, **_kwargs: Any) -> None:
    gevent.spawn_later(RAMP_LIMIT, _start_day, environment)


@events.test_stop.add_listener
def _write_figures(environment: Environment, **_kwargs: Any) -> None:
    if not RESULT or Day.ended_at is not None:
        return
    Day.ended_at = time.time()
    stats = environment.stats
    window = Day.ended_at - (Day.started_at or stats.total.start_time)
    figures = {
        "people": EXPECTED,
        "think_seconds": list(THINK),
        "window_seconds": window,
        "window_started": Day.started_at is not None,
        "ramp": Day.ramp,
        "pages": sorted(
            (_figures(entry, window) for entry in stats.entries.values()),
            key=lambda line: line["name"],
        ),
        "total": _figures(_pages_total(stats), window),
        "error_list": _errors(stats),
    }
    with open(RESULT, "w", encoding="utf-8") as out:
        json.dump(figures, out, indent=1)


class MunicipalPerson(HttpUser):
    # A person reads a page before opening the next (seconds, from-to; run.py's default 5-15:
    # 50 people then open 4-5 pages a second, ~16,000 an hour, a very busy office). With 1-3 s
    # each of the 50 opens a page every two seconds all day, ~25 a second, 90,000 an hour: a
    # stress test rather than a working day, still run with ``--think 1-3``.
    wait_time = between(THINK[0], THINK[-1])

    def on_start(self) -> None:
        try:
            self._log_in()
        finally:
            Day.logged_in += 1
            if Day.logged_in >= EXPECTED:
                _start_day(self.environment)

    def _log_in(self) -> None:
        # Behind the HTTPS proxy: the server trusts X-Forwarded-Proto and sets secure cookies,
        # which the client keeps and sends back over this plain-HTTP hop.
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.client.headers["Referer"] = f"https://{(self.host or '').split('://', 1)[-1]}/"
        self.initiatives: list[str] = []
        login = self.client.get("/logg-inn/", name="/logg-inn/")
        self._keep_cookies()
        token = TOKEN.search(login.text)
        username = random.choice(PEOPLE)
        with self.client.post(
            "/logg-inn/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": username,
                "password": PASSWORD,
            },
            name="/logg-inn/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"{username} was not logged in ({answer.status_code})")
        self._keep_cookies()

    def _keep_cookies(self) -> None:
        for cookie in self.client.cookies:
            cookie.secure = False

    def _get(self, path: str, name: str | None = None) -> Any:
        """The page itself, or an error: a redirect (to the login page) counts as one."""
        with self.client.get(
            path, name=name or path, allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}")
            return answer

    @task(3)
    def start_page(self) -> None:
        self._get("/")

    @task(3)
    def portfolio(self) -> None:
        page = self._get("/portefolje/")
        self.initiatives = INITIATIVE.findall(page.text) or self.initiatives

    @task(3)
    def an_initiative(self) -> None:
        if self.initiatives:
            self._get(random.choice(self.initiatives), name="/portefolje/tiltak/<id>/")

    @task(2)
    def benefits(self) -> None:
        self._get("/gevinster/")

    @task(2)
    def lessons_search(self) -> None:
        word = random.choice(SEARCHES)
        self._get(f"/laering/erfaringer/?q={word}", name="/laering/erfaringer/?q=<word>")

    @task(1)
    def ideas(self) -> None:
        self._get("/ideer/")

    @task(1)
    def fund(self) -> None:
        self._get("/fond/")

    @task(1)
    def solutions(self) -> None:
        self._get("/losninger/")

    @task(1)
    def services(self) -> None:
        self._get("/tjenester/")

    @task(1)
    def decisions_waiting(self) -> None:
        self._get("/prosjekter/beslutninger/")
