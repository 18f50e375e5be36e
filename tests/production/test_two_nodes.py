"""Two web nodes, one database, one storage: two gunicorn servers in production mode (debug off)
against one PostgreSQL database and one shared storage folder, each with a local folder of its
own (HELHET_VAR_DIR) standing for its own disk. A person's requests alternate between them, as a
load balancer without sticky sessions sends them: logged in on one, a document uploaded on the
other and downloaded on the first; an import previewed on one, confirmed on the other, and a
second confirmation refused on the first. Nothing is lost, and nothing is kept on a node's own
disk.

Runs on the PostgreSQL pass only (skipped on SQLite). Costs, once for the module, ~10
CPU-seconds and 12 s of wall time (up to 60 s when the 2-CPU machine is busy): the database is a
copy of the test database (``CREATE DATABASE … TEMPLATE``, no ``migrate``), two ``manage.py``
commands (the people and a project; ``collectstatic``) and two gunicorn servers started side by
side."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from pytest_django import DjangoDbBlocker

from tests.conftest import _DemoDatabase
from tests.documents import files
from tests.portfolio.exchange_files import HEADERS, xlsx_file
from tests.production.servers import (
    CSRF_INPUT,
    PASSWORD,
    Browser,
    Server,
    fresh_database,
    manage,
    postgres_url,
    production_environment,
    start_gunicorn,
)

pytestmark = [
    pytest.mark.skipif(postgres_url() is None, reason="two web nodes: PostgreSQL pass only"),
    pytest.mark.django_db,  # for the test database to copy
]

# Run in the node's environment: a project with a document to upload to, and the two people's
# passwords hashed as production hashes them (the test database's are hashed the fast way).
SET_UP = f"""
import json
from helhet.accounts.models import User
from helhet.organization.models import Municipality
from tests.documents.helpers import open_document, requirement_named
from tests.projects.matrix_projects import project
stavanger = Municipality.objects.get(slug="stavanger")
initiative = project(stavanger, "Trygghetsalarm")
document = open_document(initiative, requirement_named(initiative, "Mandat for konseptfasen"))
for user in User.objects.filter(username__in=["prosjektleder", "portefolje"]):
    user.set_password("{PASSWORD}")
    user.save(update_fields=["password"])
print(json.dumps({{"document": document.pk}}))
"""
ALREADY = "Denne filen er allerede importert"


@dataclass
class Nodes:
    one: Server
    two: Server
    document: int
    storage: Path
    own_disks: list[Path]


@pytest.fixture(scope="module")
def nodes(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Nodes]:
    """Two gunicorn nodes on a copy of this worker's test database (its demo people committed)."""
    with django_db_blocker.unblock():
        if not _DemoDatabase.loaded:
            _DemoDatabase.load()
        template = str(connection.settings_dict["NAME"])
        connection.close()
    root = tmp_path_factory.mktemp("two-nodes")
    storage = root / "shared-storage"
    (root / "setup").mkdir()
    with fresh_database("helhet_two_nodes", template=template) as database_url:
        env = production_environment(
            database_url=database_url,
            var_dir=root / "setup",
            HELHET_UPLOAD_DIR=str(storage / "uploads"),
            HELHET_MEDIA_DIR=str(storage / "media"),
            HELHET_STATIC_ROOT=str(root / "static"),
        )
        document = json.loads(manage(env, "shell", "-c", SET_UP).splitlines()[-1])["document"]
        manage(env, "collectstatic", "--no-input", "-v0")
        own_disks = [root / "node-one", root / "node-two"]
        node_envs = [
            {
                **env,
                "HELHET_VAR_DIR": str(disk),
                "HELHET_SECURITY_LOG": str(root / f"{disk.name}-security.jsonl"),
            }
            for disk in own_disks
        ]
        with ThreadPoolExecutor(2) as pool:  # both start at once
            starting = [
                pool.submit(start_gunicorn, node_env, log=root / f"{disk.name}.log", workers=1)
                for node_env, disk in zip(node_envs, own_disks, strict=True)
            ]
        started = [future.result() for future in starting if not future.exception()]
        failed = [future.exception() for future in starting if future.exception()]
        if failed:
            for server in started:
                server.stop()
            raise failed[0]  # type: ignore[misc]
        one, two = started
        try:
            yield Nodes(one, two, document, storage, own_disks)
        finally:
            one.process.terminate()  # both stop at once
            two.stop()
            one.stop()


def _on(node: Server, person: Browser) -> Browser:
    """The same person (their cookies) with their next request sent to ``node``."""
    return Browser(node, person.cookies)


def _post_file(person: Browser, path: str, field: str, name: str, data: bytes) -> object:
    page = person.get(path)
    assert page.status_code == 200, f"{path}: {page.status_code}"
    token = CSRF_INPUT.search(page.text)
    assert token is not None
    return person.request(
        "POST",
        path,
        data={"csrfmiddlewaretoken": token.group(1)},
        files={field: (name, data, "application/octet-stream")},
    )


def test_requests_alternating_between_two_nodes_lose_nothing(nodes: Nodes) -> None:
    leader = Browser(nodes.one)
    assert leader.log_in("prosjektleder").status_code == 302

    pdf = files.pdf()
    upload_path = f"/dokumenter/{nodes.document}/last-opp/"
    uploaded = _post_file(_on(nodes.two, leader), upload_path, "file", "mandat.pdf", pdf)
    assert uploaded.status_code == 302, uploaded.text[:2000]  # type: ignore[attr-defined]
    detail = _on(nodes.one, leader).get(f"/dokumenter/{nodes.document}/")
    assert detail.status_code == 200
    version = re.search(r'href="/dokumenter/versjon/(\d+)/"', detail.text)
    assert version, detail.text[:3000]
    download = _on(nodes.two, leader).get(f"/dokumenter/versjon/{version.group(1)}/fil/")
    assert download.status_code == 200
    assert download.content == pdf

    office = Browser(nodes.two)
    assert office.log_in("portefolje").status_code == 302
    workbook = xlsx_file([HEADERS, ["RPA", "prosjekt", "IT-avdelingen"]])
    preview = _post_file(_on(nodes.one, office), "/portefolje/import/", "file", "t.xlsx", workbook)
    assert preview.status_code == 200, preview.text[:2000]  # type: ignore[attr-defined]
    token = re.search(r'name="token" value="([0-9a-f]{32})"', preview.text)  # type: ignore[attr-defined]
    csrf = CSRF_INPUT.search(preview.text)  # type: ignore[attr-defined]
    assert token and csrf
    confirm = {"csrfmiddlewaretoken": csrf.group(1), "token": token.group(1)}
    confirmed = _on(nodes.two, office).request("POST", "/portefolje/import/bekreft/", data=confirm)
    assert confirmed.status_code == 302, confirmed.text[:2000]
    again = _on(nodes.one, office).request("POST", "/portefolje/import/bekreft/", data=confirm)
    assert again.status_code == 409
    assert ALREADY in again.text
    portfolio = _on(nodes.one, office).get("/portefolje/")
    assert "RPA" in portfolio.text

    stored = sorted(p.relative_to(nodes.storage) for p in nodes.storage.rglob("*") if p.is_file())
    assert [str(path.parent) for path in stored] == ["uploads"]
    for disk in nodes.own_disks:
        kept = [p for p in disk.rglob("*") if p.is_file()] if disk.exists() else []
        assert kept == [], kept
