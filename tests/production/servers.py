"""Helhet as production runs it, for tests: a fresh database in the throw-away PostgreSQL
(scripts/with-postgres.sh), the environment of a production node (debug off), ``manage.py``
commands run in it, gunicorn started on a free port and stopped, and an HTTP client that talks
to it as a browser behind the HTTPS proxy would (``X-Forwarded-Proto: https``, secure cookies
kept and sent back).

Used by the production smoke test (tests/production/test_smoke.py) and by the test that runs two
web nodes against one database and one storage. Everything here starts real processes: a
``manage.py`` command costs 1-2 s (Django starting), gunicorn 1-3 s to answer its first request;
start them once per module (a module-scoped fixture)."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Fjordbris-og-lyng-2026"


def postgres_url() -> str | None:
    """The throw-away PostgreSQL server's URL (``DATABASE_URL`` from scripts/with-postgres.sh),
    or None on the SQLite pass."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@contextlib.contextmanager
def fresh_database(name: str, *, template: str | None = None) -> Iterator[str]:
    """A new, empty database ``name`` on the throw-away PostgreSQL server (created, dropped
    after); yields its URL. Apart from the test databases pytest-django makes, so a server can
    run ``migrate`` on it as in production. With ``template``, a copy of that database instead
    (nobody may be connected to it meanwhile): migrated already, in a fraction of a second."""
    server = postgres_url()
    assert server is not None, "fresh_database needs the throw-away PostgreSQL (DATABASE_URL)"
    parts = urllib.parse.urlsplit(server)
    url = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(_conninfo(server), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = ""
        if template:
            # A copy needs the template to itself: connections other tests' threads left open
            # (the test client's parallel requests, a live server's) are closed first.
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [template],
            )
            copy = f' TEMPLATE "{template}"'
        admin.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield url
    finally:
        with psycopg.connect(_conninfo(server), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _conninfo(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    info = {
        "dbname": parts.path.lstrip("/") or "postgres",
        "user": parts.username or "",
        "host": query.get("host") or parts.hostname or "",
        "port": str(parts.port or ""),
    }
    if parts.password:
        info["password"] = parts.password
    return " ".join(f"{key}='{value}'" for key, value in info.items() if value)


def production_environment(*, database_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a production node: debug off, a strong random secret key, the given
    database, files under ``var_dir`` (static files in ``var_dir/static``, the security log in
    ``var_dir/security.log``); ``extra`` adds or overrides variables. Nothing else from the
    test's own environment (no HELHET_* leaks in), except PATH and the locale."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "HELHET_DEBUG": "false",
        "HELHET_SECRET_KEY": secrets.token_urlsafe(50),
        "HELHET_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "HELHET_VAR_DIR": str(var_dir),
        "HELHET_STATIC_ROOT": str(var_dir / "static"),
        "HELHET_SECURITY_LOG": str(var_dir / "security.log"),
        "PYTHONDONTWRITEBYTECODE": "",
    }
    environment.update(extra)
    return {key: value for key, value in environment.items() if value != ""}


def manage(env: Mapping[str, str], *args: str, timeout: float = 300) -> str:
    """Run ``manage.py <args>`` in the environment; its output (stdout, then stderr, where the
    log lines go), or AssertionError with it."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{output}"
    return output


def script(env: Mapping[str, str], name: str, *args: str, timeout: float = 300) -> str:
    """Run ``scripts/production/<name>`` (what the deployment guide, the systemd units and the
    container recipe run) in the environment with the test's own Python; its output, or
    AssertionError with it."""
    result = subprocess.run(  # noqa: S603 - our own script and arguments
        [str(ROOT / "scripts" / "production" / name), *args],
        cwd=ROOT,
        env={**env, "HELHET_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{name} {' '.join(args)}:\n{output}"
    return output


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running gunicorn: its address, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            # SIGINT: gunicorn's quick shutdown (SIGTERM waits for its workers to finish up).
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_gunicorn(
    env: Mapping[str, str], *, log: Path, workers: int = 2, wait_seconds: float = 60
) -> Server:
    """gunicorn as production starts it (``scripts/production/web.sh``: from the repository, so
    it reads gunicorn.conf.py), on a free port of 127.0.0.1; returns once ``/helse/`` answers
    200, or stops it and fails with its log."""
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own script
            [str(ROOT / "scripts" / "production" / "web.sh")],
            cwd=ROOT,
            env={
                **env,
                "HELHET_PYTHON": sys.executable,
                "HELHET_BIND": f"127.0.0.1:{port}",
                "HELHET_WEB_WORKERS": str(workers),
            },
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log)
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn stopped ({process.returncode}):\n{server.log_text()}")
        try:
            if requests.get(f"{server.url}/helse/", timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.stop()
    raise AssertionError(
        f"gunicorn did not answer /helse/ in {wait_seconds} s:\n{server.log_text()}"
    )


@contextlib.contextmanager
def gunicorn(env: Mapping[str, str], *, log: Path, workers: int = 2) -> Iterator[Server]:
    """``start_gunicorn``, stopped after the block."""
    server = start_gunicorn(env, log=log, workers=workers)
    try:
        yield server
    finally:
        server.stop()


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Browser:
    """A person's browser behind the HTTPS reverse proxy: every request says it came over HTTPS
    (``X-Forwarded-Proto``, as nginx sets it), cookies are kept, the secure ones too, and sent
    back; redirects are not followed, so a test sees each answer."""

    server: Server
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{urllib.parse.urlsplit(self.server.url).netloc}{path}",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method,
            f"{self.server.url}{path}",
            headers=headers,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, data: Mapping[str, str]) -> requests.Response:
        """Open the form's page, then send it with its CSRF token, as a browser would."""
        page = self.get(path)
        assert page.status_code == 200, f"{path}: {page.status_code}"
        token = CSRF_INPUT.search(page.text)
        assert token is not None, f"{path} has no CSRF token"
        return self.request("POST", path, data={"csrfmiddlewaretoken": token.group(1), **data})

    def log_in(self, username: str, password: str = PASSWORD) -> requests.Response:
        """Log in through the login page; the answer (a redirect when it worked)."""
        return self.post_form("/logg-inn/", {"username": username, "password": password})
