"""How long the decision points take, before any project has asked for a decision: nothing to
show, and the methods page links to the page. Apart from test_gate_times.py, whose tests share one
decision history made once for the module."""

from collections.abc import Callable

from django.test import Client

from helhet.organization.models import Municipality
from helhet.projects.selectors.gate_times import gate_times
from tests.projects.test_gate_times import PAGE


def test_with_no_requests_there_is_nothing_to_show(stavanger: Municipality) -> None:
    assert gate_times(stavanger) == []


def test_the_page_says_so_when_no_project_has_asked_for_a_decision(
    login: Callable[[str], Client],
) -> None:
    body = login("leser").get(PAGE).content.decode()

    assert 'id="gate-times"' not in body


def test_the_methods_page_links_to_the_gate_times(login: Callable[[str], Client]) -> None:
    body = login("leser").get("/metoder/").content.decode()

    assert f'href="{PAGE}"' in body
