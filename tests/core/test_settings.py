"""Settings: production refuses to start unsafe, and every response carries a strict
Content-Security-Policy.

Production settings are read in a fresh Python process, because settings are read once, at start."""

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(settings.BASE_DIR)
PRODUCTION_SECRET = "k8T2-prod-only-5vQzX1mN0pLwR7yH3cJ9sD4fG6hA8eB2uK5tW0oZ"  # not a real one


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python in the project with only the HELHET_ variables given here."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HELHET_")}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
]}))
"""


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _run("-c", READ_SETTINGS, HELHET_DEBUG="false")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "HELHET_SECRET_KEY" in result.stderr


def test_production_sends_cookies_only_over_https_with_hsts_by_default() -> None:
    result = _run(
        "-c",
        READ_SETTINGS,
        HELHET_DEBUG="false",
        HELHET_SECRET_KEY=PRODUCTION_SECRET,
        HELHET_ALLOWED_HOSTS="helhet.stavanger.kommune.no",
    )

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "ALLOWED_HOSTS": ["helhet.stavanger.kommune.no"],
        "SECURE_HSTS_SECONDS": 31536000,  # a year, on by default
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_REDIRECT_EXEMPT": [r"^helse/$", r"^helse/klar/$"],
    }


def _deploy_check(**env: str) -> set[str]:
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        HELHET_DEBUG="false",
        HELHET_SECRET_KEY=PRODUCTION_SECRET,
        HELHET_ALLOWED_HOSTS="helhet.stavanger.kommune.no",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return set(re.findall(r"\(([a-z_]+\.[A-Z]\d+)\)", result.stdout + result.stderr))


def test_the_deploy_check_warns_only_about_what_hsts_would_impose_on_other_hosts() -> None:
    """HSTS is on for a year by default; extending it to every subdomain of the municipality's
    domain, or asking browsers to preload it, binds hosts Helhet does not run: the operator
    decides (HELHET_HSTS_INCLUDE_SUBDOMAINS, HELHET_HSTS_PRELOAD)."""
    assert _deploy_check() == {"security.W005", "security.W021"}
    assert _deploy_check(HELHET_HSTS_INCLUDE_SUBDOMAINS="true", HELHET_HSTS_PRELOAD="true") == set()


WEAK_KEYS = {
    "too short": "k8T2-prod-only-5vQzX1mN0pLwR7yH3cJ9",
    "too few different characters": "ab" * 30,
    "a key Django made for development": "django-insecure-" + PRODUCTION_SECRET,
    "the development default": "helhet-development-only-not-secret",
}


@pytest.mark.parametrize("key", WEAK_KEYS.values(), ids=WEAK_KEYS.keys())
def test_production_refuses_a_weak_secret_key_naming_the_variable(key: str) -> None:
    result = _run("-c", "import config.settings", HELHET_DEBUG="false", HELHET_SECRET_KEY=key)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "HELHET_SECRET_KEY" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr


def test_the_web_server_refuses_to_start_without_collected_static_files(tmp_path: Path) -> None:
    """Without collectstatic's manifest every page would answer 500: the web server (wsgi.py)
    refuses to start and says what to run; manage.py commands (collectstatic itself) still work."""
    env = {
        "HELHET_DEBUG": "false",
        "HELHET_SECRET_KEY": PRODUCTION_SECRET,
        "HELHET_STATIC_ROOT": str(tmp_path / "static"),
    }
    served = _run("-c", "import config.wsgi", **env)
    command = _run("manage.py", "help", "collectstatic", **env)

    assert served.returncode != 0
    assert "ImproperlyConfigured" in served.stderr
    assert "collectstatic" in served.stderr
    assert command.returncode == 0, command.stderr


CSP_PAGES = ["/", "/organisasjon/", "/personer/", "/logg-inn/", "/finnes-ikke/", "/api/v1/me"]


@pytest.mark.parametrize("path", CSP_PAGES)
def test_responses_carry_a_content_security_policy_without_inline_scripts(
    path: str, login: Callable[[str], Client]
) -> None:
    policy = login("admin").get(path)["Content-Security-Policy"]
    directives = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, _, value = directive.partition(" ")
        directives[name] = value

    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize("path", ["/", "/organisasjon/", "/personer/", "/personer/ny/"])
def test_pages_need_nothing_the_policy_forbids(path: str, login: Callable[[str], Client]) -> None:
    """No inline script, event handler or style attribute: the policy would block them."""
    body = login("admin").get(path).content.decode()

    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", body)
    assert not re.search(r"\son[a-z]+\s*=", body)
    assert not re.search(r"\sstyle\s*=", body)
    assert "<style" not in body
