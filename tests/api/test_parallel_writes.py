"""Several people writing at once, on SQLite (a file, as a server runs it) and on PostgreSQL
alike: one of ten parallel changes from the same version wins and the nine others are told
someone saved first (409), and parallel status reports and measurements are all written. Never a
500 "database is locked".

The requests run in threads, each with its own database connection, on a database that commits
(a transactional test); on SQLite the test database is a file (config/settings.py), since an
in-memory one is shared by the threads and locks differently from the real one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from helhet.accounts.models import ApiToken, Membership
from helhet.accounts.services import api_token_create
from helhet.benefits.models import Measurement
from helhet.demo.municipalities import build_demo
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, StatusReport
from tests.benefits.helpers import dispensers, indicator

pytestmark = pytest.mark.django_db(transaction=True)


def _in_parallel(count: int, request: Callable[[int], Any]) -> list[Any]:
    """``request(i)`` for i in 0..count-1, each in its own thread, started together; their
    results in order. Each thread closes its own database connection when done."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = request(index)
        except Exception as error:  # reported as the thread's result, not lost in the thread
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _statuses(results: list[Any]) -> list[int]:
    assert not [r for r in results if isinstance(r, Exception)], results
    return sorted(response.status_code for response in results)


@pytest.fixture
def stavanger() -> Municipality:
    """The demo, built here: a transactional test starts from an empty (flushed) database."""
    if not Municipality.objects.filter(slug="stavanger").exists():
        build_demo()
    return Municipality.objects.get(slug="stavanger")


def _headers(username: str) -> dict[str, str]:
    membership = Membership.objects.get(user__username=username)
    _token, key = api_token_create(membership=membership, name="Parallelt")
    # Used at once by every thread: mark it used now, so no thread writes its last use.
    ApiToken.objects.filter(user=membership.user).update(last_used_at=timezone.now())
    return {"Authorization": f"Bearer {key}"}


def test_the_test_database_is_a_file_on_sqlite() -> None:
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        assert "mode=memory" not in name and name != ":memory:"
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"


def test_ten_parallel_changes_from_one_version_give_one_200_and_nine_409(
    stavanger: Municipality,
) -> None:
    initiative = dispensers(stavanger)
    headers = _headers("portefolje")
    version = initiative.version

    def change(index: int) -> Any:
        return Client().patch(
            f"/api/v1/initiatives/{initiative.pk}",
            {"version": version, "short_description": f"Endring {index}"},
            content_type="application/json",
            headers=headers,
        )

    results = _in_parallel(10, change)

    assert _statuses(results) == [200] + [409] * 9
    initiative.refresh_from_db()
    assert initiative.version == version + 1


def test_two_parallel_status_reports_are_both_written(stavanger: Municipality) -> None:
    initiative = dispensers(stavanger)
    headers = _headers("portefolje")
    today = timezone.localdate()

    def report(index: int) -> Any:
        return Client().post(
            f"/api/v1/initiatives/{initiative.pk}/status-reports",
            {
                **dict.fromkeys(("progress", "economy", "quality", "risk", "benefits"), "green"),
                "summary": f"Rapport {index}",
                "period_start": (today - timedelta(days=30)).isoformat(),
                "period_end": today.isoformat(),
            },
            content_type="application/json",
            headers=headers,
        )

    assert _statuses(_in_parallel(2, report)) == [201, 201]
    assert StatusReport.objects.filter(initiative=initiative).count() == 2


def test_five_identical_parallel_measurements_give_no_server_error(
    stavanger: Municipality,
) -> None:
    today = timezone.localdate()
    visits = indicator(
        stavanger,
        baseline_date=today - timedelta(days=300),
        target_date=today + timedelta(days=400),
    )
    headers = _headers("gevinsteier")

    def measure(index: int) -> Any:
        return Client().post(
            f"/api/v1/indicators/{visits.pk}/measurements",
            {"measured_on": (today - timedelta(days=1)).isoformat(), "value": "50"},
            content_type="application/json",
            headers=headers,
        )

    statuses = _statuses(_in_parallel(5, measure))

    assert all(status < 500 for status in statuses), statuses
    created = statuses.count(201)
    assert created >= 1
    assert Measurement.objects.filter(indicator=visits).count() == created


def test_parallel_changes_leave_the_initiative_as_one_of_them_wrote_it(
    stavanger: Municipality,
) -> None:
    initiative = Initiative.objects.get(pk=dispensers(stavanger).pk)
    headers = _headers("portefolje")

    def change(index: int) -> Any:
        return Client().patch(
            f"/api/v1/initiatives/{initiative.pk}",
            {"version": initiative.version, "need": f"Behov {index}"},
            content_type="application/json",
            headers=headers,
        )

    results = _in_parallel(4, change)

    winner = next(r for r in results if r.status_code == 200)
    initiative.refresh_from_db()
    assert initiative.need == winner.json()["need"]
