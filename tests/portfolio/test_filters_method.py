"""The portfolio's filters on a project's method and gates: method, phase (by name, across the
method's versions), level, waiting for a decision, and blocked at a gate for more than N days;
applied alike in the overview, the exports, the timeline, the cross-department view and the API,
kept in the URL, shown among the active filters, refused clearly when wrong, and fast."""

import csv
import io
import re
from collections.abc import Callable, Generator

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from pytest_django import DjangoDbBlocker

from helhet.methodology.models import (
    DecisionOutcome,
    Level,
    Method,
    MethodVersion,
    Phase,
    ProjectMethod,
)
from helhet.organization.models import Municipality
from helhet.portfolio.filters import PortfolioFilter, filtered_initiatives, parse_filters
from helhet.portfolio.models import Initiative
from helhet.projects.services.enrolment import project_method_set
from tests.conftest import demo_municipalities, made_once
from tests.files.helpers import exported
from tests.projects.gate_history import ask, decide, passed
from tests.projects.matrix_projects import current, project

OVERVIEW = "/portefolje/"
ROW_LINK = re.compile(r'<td><a class="ds-link" href="/portefolje/tiltak/\d+/">([^<]+)</a></td>')
ALERT = 'class="ds-alert" data-color="warning"'
BAD_DAYS = "Enter a whole number of days from 1 to 3650."


def names_in_table(body: str) -> list[str]:
    return ROW_LINK.findall(body)


def method_pk(municipality: Municipality, name: str = "Prosjektveiviseren") -> int:
    return Method.objects.get(municipality=municipality, name=name).pk


def _make_gates(stavanger: Municipality) -> dict[str, Initiative]:
    """Stavanger's projects at their gates (Prosjektveiviseren unless said):

    - Alfa asked for BP1 20 days ago and waits;
    - Beta asked 20 days ago, was sent back 15 days ago, asked again 5 days ago and waits;
    - Gamma asked 3 days ago and waits;
    - Delta passed BP1 30 days ago (asked 40 days ago) and stands in Konsept without asking;
    - Epsilon passed BP1 like Delta and asked for BP2 12 days ago;
    - Eta asked 20 days ago, was sent back 15 days ago and has not asked again;
    - Theta asked 30 days ago and was stopped;
    - Sigma runs on Smartby's process and has asked for nothing; Zeta has no method."""
    made = {name: project(stavanger, name) for name in ("Alfa", "Beta", "Gamma", "Delta")}
    made |= {name: project(stavanger, name) for name in ("Epsilon", "Eta", "Theta")}
    made["Sigma"] = project(stavanger, "Sigma", method="Smartbyprosessen")
    made["Zeta"] = project(stavanger, "Zeta", method=None)
    ask(made["Alfa"], days_ago=20)
    decide(ask(made["Beta"], days_ago=20), DecisionOutcome.SENT_BACK, days_ago=15)
    ask(made["Beta"], days_ago=5)
    ask(made["Gamma"], days_ago=3)
    passed(made["Delta"], asked_days_ago=40, decided_days_ago=30)
    passed(made["Epsilon"], asked_days_ago=40, decided_days_ago=30)
    ask(made["Epsilon"], days_ago=12)
    decide(ask(made["Eta"], days_ago=20), DecisionOutcome.SENT_BACK, days_ago=15)
    decide(ask(made["Theta"], days_ago=30), DecisionOutcome.STOPPED, days_ago=28)
    return made


@pytest.fixture(scope="module")
def made_gates(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Generator[dict[str, int]]:
    """The projects at their gates (``gates``), made once for the module's tests (nine projects
    with their requests and decisions: about a CPU-second each time), by id."""
    with made_once(django_db_blocker, tmp_path_factory.mktemp("gates-uploads")):
        made = _make_gates(demo_municipalities()["stavanger"])
        yield {name: initiative.pk for name, initiative in made.items()}


@pytest.fixture
def gates(made_gates: dict[str, int], stavanger: Municipality) -> dict[str, Initiative]:
    """Stavanger's projects at their gates, as ``_make_gates`` makes them, read afresh."""
    found = Initiative.objects.in_bulk(made_gates.values())
    return {name: found[pk] for name, pk in made_gates.items()}


@pytest.fixture
def reader(login: Callable[[str], Client]) -> Client:
    return login("leser")


def listed(client: Client, **params: str | int) -> list[str]:
    response = client.get(OVERVIEW, params)
    assert response.status_code == 200
    return names_in_table(response.content.decode())


def test_the_smartby_method_filter_lists_only_projects_on_smartby(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    assert listed(reader, method=method_pk(stavanger, "Smartbyprosessen")) == ["Sigma"]


def test_the_method_filter_leaves_out_initiatives_without_a_method(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    names = listed(reader, method=method_pk(stavanger))

    assert "Zeta" not in names and "Sigma" not in names
    assert names == ["Alfa", "Beta", "Delta", "Epsilon", "Eta", "Gamma", "Theta"]


def test_the_phase_filter_lists_the_projects_standing_in_that_phase(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    assert listed(reader, phase=f"{method_pk(stavanger)}:Konsept") == ["Delta", "Epsilon"]


def test_the_phase_filter_finds_the_phase_in_every_version_of_the_method(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    old = current(stavanger)
    older = MethodVersion.objects.create(municipality=stavanger, method=old.method, number=99)
    Phase.objects.create(municipality=stavanger, version=older, position=1, name="Konsept")
    small = Level.objects.create(
        municipality=stavanger, version=older, position=1, code="liten", name="Liten"
    )
    konsept = Phase.objects.get(version=older, name="Konsept")
    # A project that started while the older version was current stays on it.
    on_older = project(stavanger, "Gammel versjon")
    ProjectMethod.objects.filter(initiative=on_older).update(
        version=older, level=small, current_phase=konsept
    )

    names = listed(reader, phase=f"{method_pk(stavanger)}:Konsept")

    assert names == ["Delta", "Epsilon", "Gammel versjon"]


def test_a_project_that_has_completed_its_method_stands_in_no_phase(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    ProjectMethod.objects.filter(initiative=gates["Delta"]).update(completed_at=timezone.now())

    assert listed(reader, phase=f"{method_pk(stavanger)}:Konsept") == ["Epsilon"]


def test_the_level_filter_matches_the_level_code_in_any_method(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    version = current(stavanger)
    medium = project(stavanger, "Mellomstort", method=None)
    project_method_set(
        actor=None, initiative=medium, version=version, level=version.levels.get(code="middels")
    )
    light = project(stavanger, "Liten forbedring", method="Lett metode for små forbedringer")

    assert listed(reader, level="middels") == ["Mellomstort"]
    assert "Liten forbedring" in listed(reader, level="liten")
    assert "Alfa" in listed(reader, level="liten")
    assert ProjectMethod.objects.get(initiative=light).level.code == "liten"


def test_waiting_for_a_decision_lists_the_projects_with_a_request_waiting(
    gates: dict[str, Initiative], reader: Client
) -> None:
    assert listed(reader, waiting="on") == ["Alfa", "Beta", "Epsilon", "Gamma"]


def test_blocked_for_more_than_ten_days_counts_from_the_first_request_in_the_phase(
    gates: dict[str, Initiative], reader: Client
) -> None:
    # Beta asked again 5 days ago but first asked 20 days ago; Eta was sent back and has not
    # passed; Gamma asked 3 days ago; Delta has not asked since it passed BP1; Theta is stopped.
    assert listed(reader, blocked_days="10") == ["Alfa", "Beta", "Epsilon", "Eta"]


def test_a_request_sent_back_and_asked_again_still_counts_from_the_first_ask(
    gates: dict[str, Initiative], reader: Client
) -> None:
    assert listed(reader, blocked_days="18") == ["Alfa", "Beta", "Eta"]


def test_requests_before_the_project_entered_its_phase_do_not_count(
    gates: dict[str, Initiative], reader: Client
) -> None:
    # Delta and Epsilon asked for BP1 40 days ago, but they are now in Konsept.
    assert listed(reader, blocked_days="25") == []


def test_a_project_that_completed_its_method_is_not_blocked(
    gates: dict[str, Initiative], reader: Client
) -> None:
    ProjectMethod.objects.filter(initiative=gates["Alfa"]).update(completed_at=timezone.now())

    assert "Alfa" not in listed(reader, blocked_days="10")


def test_the_new_filters_combine_with_each_other_and_the_old_ones(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    phase = f"{method_pk(stavanger)}:Idé"

    assert listed(reader, phase=phase, waiting="on", blocked_days="10") == ["Alfa", "Beta"]
    assert listed(reader, phase=phase, waiting="on", blocked_days="10", q="Bet") == ["Beta"]
    assert listed(reader, method=method_pk(stavanger), level="liten", status="stopped") == ["Theta"]


def test_the_filter_form_offers_methods_phases_by_method_and_levels(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    body = reader.get(OVERVIEW).content.decode()

    assert f'<option value="{method_pk(stavanger)}">Prosjektveiviseren</option>' in body
    assert (
        f'<option value="{method_pk(stavanger)}:Konsept">Prosjektveiviseren – Konsept</option>'
        in body
    )
    assert '<option value="middels">Middels</option>' in body
    assert 'name="waiting"' in body
    assert re.search(r'<input type="number" name="blocked_days"[^>]*min="1"', body)


def test_the_chosen_filters_stay_in_the_form_and_show_among_the_active_filters(
    gates: dict[str, Initiative], reader: Client, stavanger: Municipality
) -> None:
    phase = f"{method_pk(stavanger)}:Konsept"
    body = reader.get(
        OVERVIEW, {"phase": phase, "level": "liten", "waiting": "on", "blocked_days": "7"}
    ).content.decode()

    assert f'<option value="{phase}" selected>' in body
    assert re.search(r'<input type="number" name="blocked_days" value="7"', body)
    active = body[body.index('id="active-filters-heading"') :]
    assert "Prosjektveiviseren – Konsept" in active
    assert "Liten" in active
    assert "?level=liten&amp;waiting=on&amp;blocked_days=7" in active  # remove the phase only


@pytest.mark.parametrize("days", ["0", "-3", "tre", "2.5", "99999999999999999999"])
def test_a_bad_number_of_days_is_ignored_with_a_clear_message(
    days: str, gates: dict[str, Initiative], reader: Client
) -> None:
    response = reader.get(OVERVIEW, {"blocked_days": days})
    body = response.content.decode()

    assert response.status_code == 200
    assert ALERT in body
    assert 'id="id_blocked_days_error1"' in body
    assert escape(_(BAD_DAYS)) in body
    assert len(names_in_table(body)) == 9  # nothing filtered


@pytest.mark.parametrize(
    "params",
    [
        {"method": "999999"},
        {"method": "prosjekt"},
        {"phase": "999999:Konsept"},
        {"phase": "Konsept"},
        {"level": "enorm"},
    ],
)
def test_an_unknown_method_phase_or_level_is_ignored_with_a_notice(
    params: dict[str, str], gates: dict[str, Initiative], reader: Client
) -> None:
    response = reader.get(OVERVIEW, params)
    body = response.content.decode()

    assert response.status_code == 200
    assert ALERT in body
    assert 'class="ds-validation-message"' in body
    assert len(names_in_table(body)) == 9


def test_another_municipalitys_method_is_not_a_choice(
    gates: dict[str, Initiative], stavanger: Municipality, bergen: Municipality
) -> None:
    filters = parse_filters({"method": str(method_pk(bergen))}, municipality=stavanger)

    assert filters.method is None
    assert "method" in filters.errors


def test_the_parsed_filter_carries_the_labels_the_person_chose(
    gates: dict[str, Initiative], stavanger: Municipality
) -> None:
    filters = parse_filters(
        {"phase": f"{method_pk(stavanger)}:Idé", "level": "middels", "blocked_days": "5"},
        municipality=stavanger,
    )

    assert filters.errors == {}
    assert filters.phase is not None and filters.phase.label == "Prosjektveiviseren – Idé"
    assert filters.level is not None and filters.level.label == "Middels"
    assert filters.blocked_days == 5
    assert filters.active


def test_the_csv_export_takes_the_gate_filters(
    gates: dict[str, Initiative], reader: Client
) -> None:
    response = exported(reader, "/portefolje/eksport/csv/", {"blocked_days": "18"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))

    assert sorted(row[0] for row in rows[1:]) == ["Alfa", "Beta", "Eta"]


def test_the_timeline_and_the_cross_department_view_take_the_gate_filters(
    gates: dict[str, Initiative], reader: Client
) -> None:
    for path in ("/portefolje/tidslinje/", "/portefolje/tverrgaende/"):
        body = reader.get(path, {"waiting": "on", "blocked_days": "10"}).content.decode()

        shown = {name for name in gates if f">{name}<" in body}
        assert shown == {"Alfa", "Beta", "Epsilon"}, path
        assert 'id="method-filters"' in body, path


def test_the_api_list_takes_the_gate_filters(
    gates: dict[str, Initiative], api_headers: Callable[[str], dict[str, str]]
) -> None:
    headers = api_headers("leser")

    body = Client().get("/api/v1/initiatives?waiting=true&blocked_days=10", headers=headers)

    assert sorted(row["name"] for row in body.json()["results"]) == ["Alfa", "Beta", "Epsilon"]


def test_the_api_refuses_a_bad_number_of_days(
    gates: dict[str, Initiative], api_headers: Callable[[str], dict[str, str]]
) -> None:
    response = Client().get("/api/v1/initiatives?blocked_days=0", headers=api_headers("leser"))

    assert response.status_code == 422
    assert "blocked_days" in response.json()["errors"]


def test_filtered_initiatives_makes_one_query_with_the_gate_filters_on(
    gates: dict[str, Initiative], stavanger: Municipality, django_assert_num_queries: object
) -> None:
    filters = PortfolioFilter(waiting=True, blocked_days=10)

    with django_assert_num_queries(1):  # type: ignore[operator]
        names = sorted(
            i.name for i in filtered_initiatives(municipality=stavanger, filters=filters)
        )

    assert names == ["Alfa", "Beta", "Epsilon"]
