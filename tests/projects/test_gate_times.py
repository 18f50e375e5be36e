"""How long the decision points take: per decision point, how often it was passed, the median and
longest days from the first request to the approval, how often it sent a project back, and who
waits there now; slowest first, in a fixed number of queries, for every role that sees the
portfolio and only with the municipality's own projects. The tests here share one decision history,
made once for the module; those that need none are in test_gate_times_empty.py."""

import re
from collections.abc import Callable, Generator

import pytest
from django.test import Client
from pytest_django import DjangoDbBlocker

from helhet.methodology.models import DecisionOutcome
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.selectors.gate_times import GateTime, gate_times
from tests.conftest import count_queries, demo_municipalities, made_once
from tests.projects.gate_history import ask, decide, passed
from tests.projects.matrix_projects import project

PAGE = "/prosjekter/beslutningstid/"
EHELSE = "Implementering av velferdsteknologi"


def _make_history(stavanger: Municipality) -> dict[str, Initiative]:
    """Stavanger's projects on Prosjektveiviseren, days ago:

    - Alfa asked for BP1 at 20, was approved at 10 (10 days), asked for BP2 at 8 and waits;
    - Beta asked for BP1 at 30, was sent back at 25, asked again at 20, approved at 2 (28 days);
    - Gamma passed BP1 in a day (60 to 59) and BP2 in 40 (50 to 10);
    - Delta asked for BP1 at 15 and waits; Eta asked at 12 and was sent back at 11;
    - Theta asked at 40 and was stopped at 39;
    - Omega, on the welfare technology method, asked for its first decision at 3 and waits."""
    made = {name: project(stavanger, name) for name in ("Alfa", "Beta", "Gamma", "Delta")}
    made |= {name: project(stavanger, name) for name in ("Eta", "Theta")}
    made["Omega"] = project(stavanger, "Omega", method=EHELSE)
    passed(made["Alfa"], asked_days_ago=20, decided_days_ago=10)
    ask(made["Alfa"], days_ago=8)
    decide(ask(made["Beta"], days_ago=30), DecisionOutcome.SENT_BACK, days_ago=25)
    decide(ask(made["Beta"], days_ago=20), DecisionOutcome.APPROVED_WITH_CONDITIONS, days_ago=2)
    passed(made["Gamma"], asked_days_ago=60, decided_days_ago=59)
    passed(made["Gamma"], asked_days_ago=50, decided_days_ago=10)
    ask(made["Delta"], days_ago=15)
    decide(ask(made["Eta"], days_ago=12), DecisionOutcome.SENT_BACK, days_ago=11)
    decide(ask(made["Theta"], days_ago=40), DecisionOutcome.STOPPED, days_ago=39)
    ask(made["Omega"], days_ago=3)
    return made


@pytest.fixture(scope="module")
def made_history(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Generator[dict[str, int]]:
    """The projects' decision history (``_make_history``), made once for the module's tests
    (seven projects with their requests and decisions), by id."""
    with made_once(django_db_blocker, tmp_path_factory.mktemp("gate-times-uploads")):
        made = _make_history(demo_municipalities()["stavanger"])
        yield {name: initiative.pk for name, initiative in made.items()}


@pytest.fixture
def history(made_history: dict[str, int], stavanger: Municipality) -> dict[str, Initiative]:
    """Stavanger's projects with their decision history, read afresh."""
    found = Initiative.objects.in_bulk(made_history.values())
    return {name: found[pk] for name, pk in made_history.items()}


def by_code(rows: list[GateTime]) -> dict[str, GateTime]:
    return {row.code: row for row in rows}


def test_a_decision_point_counts_its_passages_with_median_and_longest_time(
    history: dict[str, Initiative], stavanger: Municipality
) -> None:
    bp1 = by_code(gate_times(stavanger))["BP1"]

    assert bp1.passed == 3
    assert bp1.median_days == pytest.approx(10, abs=0.01)
    assert bp1.longest_days == pytest.approx(28, abs=0.01)


def test_a_request_sent_back_and_asked_again_counts_from_the_first_request(
    history: dict[str, Initiative], stavanger: Municipality
) -> None:
    # Beta first asked 30 days ago and was approved 2 days ago: 28 days, not 18.
    assert by_code(gate_times(stavanger))["BP1"].longest_days == pytest.approx(28, abs=0.01)


def test_a_decision_point_counts_how_often_it_sent_a_project_back(
    history: dict[str, Initiative], stavanger: Municipality
) -> None:
    rows = by_code(gate_times(stavanger))

    assert (rows["BP1"].sent_back, rows["BP2"].sent_back) == (2, 0)


def test_those_waiting_now_are_counted_with_the_longest_wait(
    history: dict[str, Initiative], stavanger: Municipality
) -> None:
    rows = by_code(gate_times(stavanger))

    # Delta asked 15 days ago; Eta was sent back and has not passed; Theta is stopped.
    assert rows["BP1"].waiting == 2
    assert rows["BP1"].longest_wait_days == pytest.approx(15, abs=0.01)
    assert rows["BP2"].waiting == 1
    assert rows["BP2"].longest_wait_days == pytest.approx(8, abs=0.01)


def test_the_slowest_decision_point_comes_first_and_those_never_passed_last(
    history: dict[str, Initiative], stavanger: Municipality
) -> None:
    rows = gate_times(stavanger)

    assert [(row.method_name, row.code) for row in rows] == [
        ("Prosjektveiviseren", "BP2"),
        ("Prosjektveiviseren", "BP1"),
        (EHELSE, "EH1"),
    ]
    assert rows[-1].passed == 0 and rows[-1].median_days is None and rows[-1].waiting == 1


def test_another_municipalitys_decisions_do_not_count(
    history: dict[str, Initiative], stavanger: Municipality, bergen: Municipality
) -> None:
    ask(project(bergen, "Bergensprosjekt", owner=None, leader=None), days_ago=99)

    assert by_code(gate_times(stavanger))["BP1"].longest_wait_days == pytest.approx(15, abs=0.01)
    assert [row.waiting for row in gate_times(bergen)] == [1]


def _body_rows(body: str) -> list[list[str]]:
    """The text of each cell of the table's body rows."""
    table = body[body.index("<tbody>", body.index('id="gate-times"')) : body.index("</tbody>")]
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
    return [
        [re.sub(r"<[^>]+>", "", text).strip() for text in cell.findall(row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_the_page_shows_a_table_of_the_decision_points_slowest_first(
    history: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(PAGE).content.decode()  # Norwegian: decimal commas

    assert "<caption>" in body
    assert 'id="gate-times-explained"' in body
    bp2, bp1, eh1 = _body_rows(body)
    assert bp2[0].startswith("BP2 ") and bp2[1:4] == ["Prosjektveiviseren", "1", "40,0"]
    assert bp1[2:] == ["3", "10,0", "28,0", "2", "2", "15,0"]
    assert eh1[1:] == [EHELSE, "0", "–", "–", "0", "1", "3,0"]


def test_the_page_makes_as_many_queries_for_many_decisions_as_for_few(
    history: dict[str, Initiative], stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("direktor")
    client.get(PAGE)  # the first request of a session does one-off work
    few = count_queries(client, PAGE)

    for index in range(15):
        initiative = project(stavanger, f"Flere {index:02d}")
        passed(initiative, asked_days_ago=30 + index, decided_days_ago=20)
        decide(ask(initiative, days_ago=19), DecisionOutcome.SENT_BACK, days_ago=18)

    assert count_queries(client, PAGE) == few
