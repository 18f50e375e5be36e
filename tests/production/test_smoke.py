"""Helhet in production mode, for real: a fresh database in the throw-away PostgreSQL, set up as
docs/deployment.md says (``scripts/production/migrate.sh``, ``collect-static.sh``,
``createsuperuser``, ``create_municipality``), gunicorn with debug off (``web.sh``) serving it and
its static files (WhiteNoise's manifest), a job run by the worker (``worker.sh --batch``: the
job queue's loop and the scheduler, once). The container recipe runs the same scripts. The
administrator logs in (and chooses their own password, as the first login demands), opens the
main page of every module in the menu, and every answer carries the security headers.

Runs on the PostgreSQL pass only (skipped on SQLite). Costs about 80 CPU-seconds, once for the
module: ``migrate`` from an empty database (~55: which is why tests/core/test_migrations.py, which
migrated on its own, now leaves PostgreSQL to this module and its schema comparison here, so the
pass costs ~24 CPU-seconds more than before), ``collectstatic`` (~6), the other ``manage.py``
commands (1-2 s of Django starting each), gunicorn's start and the requests."""

from __future__ import annotations

import copy
import json
import re
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection, connections

from tests.core.test_migrations import _schema as schema_of
from tests.production.servers import (
    PASSWORD,
    Browser,
    Server,
    fresh_database,
    gunicorn,
    manage,
    postgres_url,
    production_environment,
    script,
)

pytestmark = [
    pytest.mark.skipif(
        postgres_url() is None, reason="production smoke test: PostgreSQL pass only"
    ),
    # One xdist worker runs the whole module (make test passes --dist loadgroup): the server it
    # sets up once (a real migrate, ~55 CPU-seconds) would otherwise be set up on both workers.
    pytest.mark.xdist_group("production-smoke"),
]

NEW_PASSWORD = "Sjoesproeyt-og-moltebaer-77"
ENQUEUE = (
    "from helhet.core.tasks import clear_expired_sessions; "
    "print(clear_expired_sessions.enqueue().id)"
)


@dataclass
class Production:
    env: dict[str, str]
    server: Server
    var_dir: Path

    def security_events(self) -> list[dict[str, object]]:
        log = self.var_dir / "security.log"
        return [json.loads(line) for line in log.read_text().splitlines()]


@contextmanager
def production_node(var_dir: Path) -> Iterator[Production]:
    """A production node on a fresh PostgreSQL database, set up as the deployment guide says."""
    with fresh_database("helhet_smoke") as database_url:
        env = production_environment(database_url=database_url, var_dir=var_dir)
        script(env, "migrate.sh")
        script(env, "collect-static.sh")
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            "createsuperuser",
            "--no-input",
            "--username",
            "kari",
            "--email",
            "kari@stavanger.kommune.no",
        )
        manage(
            env,
            "create_municipality",
            "Stavanger kommune",
            "stavanger",
            "964965781",
            "--admin",
            "kari",
        )
        with gunicorn(env, log=var_dir / "gunicorn.log") as server:
            yield Production(env=env, server=server, var_dir=var_dir)


def _the_migrations_build_the_schema_the_tests_run_on(production: Production) -> None:
    """On PostgreSQL this is tests/core/test_migrations.py's check, on the database the smoke
    test migrated (migrating costs ~55 CPU-seconds: once a pass is enough)."""
    settings = copy.deepcopy(connection.settings_dict)
    settings["NAME"] = urllib.parse.urlsplit(production.env["DATABASE_URL"]).path.lstrip("/")
    migrated = type(connections["default"])(settings, alias="smoke")
    connections["smoke"] = migrated
    try:
        built_from_models, migrated_schema = schema_of(connection), schema_of(migrated)
    finally:
        migrated.close()
        del connections["smoke"]
    assert sorted(migrated_schema) == sorted(built_from_models)
    for table, described in built_from_models.items():
        assert migrated_schema[table] == described, table


def _liveness_answers_over_plain_http_and_other_pages_redirect_to_https(
    production: Production,
) -> None:
    plain = Browser(production.server)
    health = plain.get("/helse/", headers={"X-Forwarded-Proto": "http"})
    login = plain.get("/logg-inn/", headers={"X-Forwarded-Proto": "http"})

    assert health.status_code == 200
    assert health.json() == {"status": "ok"}
    assert login.status_code == 301
    assert login.headers["Location"].startswith("https://")


def _an_administrator_sets_up_and_opens_every_module_with_the_security_headers(
    production: Production,
) -> None:
    browser = Browser(production.server)

    # The first login: the password was set by whoever ran the commands, so a new one is chosen.
    login = browser.log_in("kari")
    assert login.status_code == 302, login.text[:2000]
    for name in ("sessionid", "csrftoken"):
        cookie = _set_cookie(login, name)
        assert "Secure" in cookie and "SameSite=Lax" in cookie, cookie
    assert "HttpOnly" in _set_cookie(login, "sessionid")
    assert browser.get("/").headers["Location"].startswith("/konto/passord/")
    changed = browser.post_form(
        "/konto/passord/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302, changed.text[:2000]

    start = browser.get("/")
    assert start.status_code == 200
    assert "Stavanger kommune" in start.text
    menu = _menu_links(start.text)
    assert {"/portefolje/", "/metoder/", "/gevinster/", "/fond/", "/ideer/"} <= set(menu)
    for path in [*menu, "/prosjekter/beslutninger/"]:
        page = browser.get(path)
        assert page.status_code == 200, f"{path}: {page.status_code}"
        _assert_security_headers(page, path)

    # The static files come from collectstatic's manifest (hashed names), served by WhiteNoise.
    stylesheets = re.findall(r'<link[^>]+href="(/static/[^"]+\.css)"', start.text)
    assert stylesheets
    for href in stylesheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", href), href
        css = browser.get(href)
        assert css.status_code == 200, href
        assert "immutable" in css.headers["Cache-Control"]

    logins = [e for e in production.security_events() if e["event"] == "login.ok"]
    assert logins[-1]["username"] == "kari"
    assert logins[-1]["address"] == "127.0.0.1"


def _a_job_waits_in_the_queue_until_the_worker_runs_it(production: Production) -> None:
    browser = Browser(production.server)
    enqueued = manage(production.env, "shell", "-v", "0", "-c", ENQUEUE)
    job = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", enqueued)
    assert job is not None, enqueued

    waiting = _queue(browser)
    worked = script(production.env, "worker.sh", "--batch")
    after = _queue(browser)

    assert waiting["figures"]["waiting"] == 1
    assert f"id={job.group(0)} path=helhet.core.tasks.clear_expired_sessions state=SUCCESSFUL" in (
        worked
    )
    assert after["figures"]["waiting"] == 0


def _readiness_passes_every_check_and_gives_nothing_secret(production: Production) -> None:
    answer = Browser(production.server).get("/helse/klar/", headers={"X-Forwarded-Proto": "http"})

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "ok"
    assert [check["name"] for check in body["checks"]] == [
        "database",
        "migrations",
        "static",
        "job_queue",
    ]
    assert all(check["ok"] for check in body["checks"])
    assert production.env["HELHET_SECRET_KEY"] not in answer.text
    assert "helhet_smoke" not in answer.text
    assert str(production.var_dir) not in answer.text


def _set_cookie(response: object, name: str) -> str:
    headers = response.raw.headers.getlist("Set-Cookie")  # type: ignore[attr-defined]
    found = [header for header in headers if header.startswith(f"{name}=")]
    assert found, f"no {name} cookie set"
    return str(found[0])


def _menu_links(html: str) -> list[str]:
    nav = re.search(r'<nav[^>]*aria-label="(?:Hovedmeny|Main menu)"[^>]*>(.*?)</nav>', html, re.S)
    assert nav is not None, "no main menu"
    return re.findall(r'href="(/[^"]*)"', nav.group(1))


def _assert_security_headers(page: object, path: str) -> None:
    headers = page.headers  # type: ignore[attr-defined]
    assert headers["Strict-Transport-Security"] == "max-age=31536000", path
    assert "default-src 'self'" in headers["Content-Security-Policy"], path
    assert headers["X-Frame-Options"] == "DENY", path
    assert headers["X-Content-Type-Options"] == "nosniff", path
    assert headers["Referrer-Policy"] == "same-origin", path
    assert "Server" not in headers, path


def _queue(browser: Browser) -> dict[str, dict[str, int]]:
    checks = browser.get("/helse/klar/").json()["checks"]
    return next(check for check in checks if check["name"] == "job_queue")


@pytest.mark.django_db
def test_a_production_node_migrates_serves_every_module_runs_a_job_and_answers_ready(
    tmp_path: Path,
) -> None:
    """The whole smoke test is one test, so that one xdist worker sets the node up once (its real
    migrate costs ~55 CPU-seconds) and runs every check against it in turn."""
    with production_node(tmp_path) as production:
        _the_migrations_build_the_schema_the_tests_run_on(production)
        _liveness_answers_over_plain_http_and_other_pages_redirect_to_https(production)
        _an_administrator_sets_up_and_opens_every_module_with_the_security_headers(production)
        _a_job_waits_in_the_queue_until_the_worker_runs_it(production)
        _readiness_passes_every_check_and_gives_nothing_secret(production)
