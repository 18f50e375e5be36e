"""The portfolio's method and gate filters stay fast: as many queries for many rows as for few.
Apart from tests/portfolio/test_filters_method.py, whose tests share projects at their gates
made once for the module, because this test counts every row the filters let through."""

from collections.abc import Callable

from django.test import Client

from helhet.methodology.models import DecisionOutcome
from helhet.organization.models import Municipality
from tests.conftest import count_queries
from tests.portfolio.test_filters_method import OVERVIEW, method_pk, names_in_table
from tests.projects.gate_history import ask, decide
from tests.projects.matrix_projects import project


def _many(stavanger: Municipality, prefix: str, count: int) -> None:
    for index in range(count):
        initiative = project(stavanger, f"{prefix} {index:02d}")
        if index % 2:
            decide(ask(initiative, days_ago=30), DecisionOutcome.SENT_BACK, days_ago=25)
        ask(initiative, days_ago=20)


def test_the_overview_with_the_gate_filters_makes_as_many_queries_for_many_rows_as_for_few(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    _many(stavanger, "Prosjekt", 3)
    client.get(OVERVIEW)  # the first request of a session does one-off work
    pk = method_pk(stavanger)
    filtered = f"{OVERVIEW}?method={pk}&phase={pk}:Idé&level=liten&waiting=on&blocked_days=10"
    few = count_queries(client, filtered)

    _many(stavanger, "Flere", 40)

    assert count_queries(client, filtered) == few
    assert len(names_in_table(client.get(filtered).content.decode())) == 43
