"""The whole API against its own OpenAPI description, with schemathesis: for every operation a
bounded number of generated requests (valid ones and ones that break the schema), sent with a
portfolio office's token, half of the ids pointing at real objects of the municipality. Every
answer must be documented: no server error, a status code the operation lists, the content type
and the body its schema says.

HELHET_SCHEMATHESIS_EXAMPLES sets the examples per operation (default below); the generation is
derandomized, so a run is repeatable and a failure reproducible."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from datetime import date
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test.utils import override_settings
from hypothesis import HealthCheck, settings
from pytest_django import DjangoDbBlocker
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from helhet.api.urls import api
from helhet.fund.models import EntryKind, LedgerEntry
from helhet.organization.models import Municipality, OrgUnit
from tests.adoption.helpers import dispensers
from tests.adoption.matrix_solutions import count_pk
from tests.adoption.scaleup_helpers import scale_up_ids
from tests.benefits.helpers import indicator
from tests.conftest import FAST_PASSWORD_HASHERS, demo_municipalities
from tests.fund.application_helpers import a_round, draft, the_fund
from tests.fund.ledger_helpers import innovation_fund
from tests.ideas.helpers import submit
from tests.learning.helpers import write
from tests.maturity.matrix_catalogue import catalogue_service
from tests.projects.matrix_projects import project

EXAMPLES = int(os.environ.get("HELHET_SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Requests go straight to the WSGI application, which closes the database connection at
    the end of each; the test's transaction lives on it, so keep it open, as Django's test
    client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def real_ids(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Generator[dict[str, int]]:
    """Ids of real objects of the municipality, by path parameter: a project on a method with a
    decision request waiting, a benefit's indicator, a service, an idea, a fund, a round
    of it and a draft application to it, a ledger entry (a disbursement of a grant), a unit, a
    lesson.

    Made once for all the operations' tests of the module (a worker runs them one after
    another), in a transaction each test's own transaction nests in, so each operation finds them
    as freshly made and nothing another operation's requests did; rolled back after the last.
    Made for each operation instead, they cost about an eighth of the file's time."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
                HELHET_UPLOAD_DIR=tmp_path_factory.mktemp("schemathesis-uploads"),
            ):
                yield _real_ids(demo_municipalities()["stavanger"])
        finally:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture
def portfolio_office(api_headers: Callable[[str], dict[str, str]]) -> dict[str, str]:
    """The portfolio office's token, made once for all the requests of an operation's test (as
    a client keeps its token) instead of once per request, which cost a fifth of the file's
    time. No operation of the API touches tokens."""
    return api_headers("portefolje")


def _real_ids(stavanger: Municipality) -> dict[str, int]:
    """The ids ``real_ids`` gives, made."""
    initiative = project(stavanger, "Schemathesis-prosjektet", pending=True)
    solution, hundvag, _hinna = dispensers(stavanger)
    waiting = initiative.decision_requests.first()
    return {
        "initiative_id": initiative.pk,
        "request_id": waiting.pk if waiting else 0,
        "indicator_id": indicator(stavanger).pk,
        "service_id": catalogue_service(stavanger).pk,
        "idea_id": submit(stavanger).pk,
        "fund_id": the_fund(stavanger).pk,
        "round_id": a_round(the_fund(stavanger), deadline=date(2027, 3, 1)).pk,
        "application_id": draft(stavanger).pk,
        "entry_id": LedgerEntry.objects.get(
            fund=innovation_fund(stavanger), kind=EntryKind.DISBURSEMENT
        ).pk,
        "unit_id": OrgUnit.objects.for_municipality(stavanger).order_by("pk").first().pk,  # type: ignore[union-attr]
        "solution_id": solution.pk,
        "solution_unit_id": hundvag.pk,
        "count_id": count_pk(stavanger),
        "lesson_id": write(stavanger).pk,
        **scale_up_ids(stavanger),
    }


def _point_at_real_objects(case: Any, real_ids: dict[str, int]) -> None:
    """Every other generated id (the even ones) replaced by a real object's, so the endpoints
    are tried past their lookups, not only with ids that are not found."""
    for name, value in (case.path_parameters or {}).items():
        if name in real_ids and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = real_ids[name]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_is_documented(
    case: Any,
    portfolio_office: dict[str, str],
    stavanger: Municipality,
    real_ids: dict[str, int],
) -> None:
    _point_at_real_objects(case, real_ids)
    case.call_and_validate(headers=portfolio_office, checks=CHECKS)
