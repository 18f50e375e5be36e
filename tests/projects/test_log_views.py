"""The project log page: newest first, filtered by kind or to the lessons; writing entries (dated
today unless changed), changing them; a decision recorded from the decision log is not changed
here. (Marking an entry as a lesson: tests/learning/test_lessons_from_the_log.py.)"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.learning.services.lessons import lesson_from_log_entry
from helhet.methodology.models import Decision, DecisionRequest
from helhet.organization.models import Municipality
from helhet.projects.models import LogEntry
from helhet.projects.services.log import log_entry_create, project_log_record_decision
from tests.conftest import count_queries
from tests.projects.projectwork import DEVIATION_TITLE, deviation, projects_state, the_project, user

Login = Callable[[str], Client]


def _url(pk: int, suffix: str = "") -> str:
    return f"/prosjekter/{pk}/logg/{suffix}"


def _entry(stavanger: Municipality, title: str, kind: str, day: date, **more: Any) -> LogEntry:
    return log_entry_create(
        actor=user("prosjektleder"),
        initiative=the_project(stavanger),
        kind=kind,
        title=title,
        occurred_on=day,
        **more,
    )


def _form(**fields: Any) -> dict[str, Any]:
    return {
        "kind": "deviation",
        "occurred_on": "2026-04-14",
        "title": "Opplæringen ble utsatt",
        "description": "",
        "consequence": "To uker senere oppstart.",
        "status": "",
        **fields,
    }


def _decision_entry(stavanger: Municipality) -> LogEntry:
    initiative = the_project(stavanger)
    request = DecisionRequest.objects.get(initiative=initiative, status="pending")
    decision = Decision.objects.create(
        municipality=stavanger,
        request=request,
        decided_by=user("eier"),
        outcome="sent_back",
        comment="Mer innsikt trengs.",
        from_phase=request.decision_point.phase,
    )
    return project_log_record_decision(decision=decision)


def test_the_log_lists_the_newest_first(stavanger: Municipality, login: Login) -> None:
    _entry(stavanger, "Eldst", "event", date(2026, 1, 5))
    _entry(stavanger, "Nyest", "decision", date(2026, 3, 1))
    _entry(stavanger, "Midt", "change_request", date(2026, 2, 1))
    response = login("leser").get(_url(the_project(stavanger).pk))
    assert response.status_code == 200
    assert [entry.title for entry in response.context["entries"]] == ["Nyest", "Midt", "Eldst"]
    body = response.content.decode()
    assert "Hanne Vik" in body  # written by
    assert _url(the_project(stavanger).pk, "ny/") not in body  # a reader writes nothing


def test_the_log_is_filtered_by_kind(stavanger: Municipality, login: Login) -> None:
    _entry(stavanger, "Hendelse", "event", date(2026, 1, 5))
    deviation(stavanger)
    response = login("leser").get(_url(the_project(stavanger).pk) + "?kind=deviation")
    assert [entry.title for entry in response.context["entries"]] == [DEVIATION_TITLE]
    assert '<option value="deviation" selected>' in response.content.decode()


def test_the_log_shows_only_the_lessons_when_asked(stavanger: Municipality, login: Login) -> None:
    _entry(stavanger, "Hendelse", "event", date(2026, 1, 5))
    lesson_from_log_entry(actor=None, entry=deviation(stavanger), learned="Bestill tidlig.")
    response = login("leser").get(_url(the_project(stavanger).pk) + "?lessons=1")
    assert [entry.title for entry in response.context["entries"]] == [DEVIATION_TITLE]
    body = response.content.decode()
    assert "Bestill tidlig." in body
    assert 'id="log-lessons" name="lessons" value="1" checked' in body


def test_an_empty_filter_says_so(stavanger: Municipality, login: Login) -> None:
    deviation(stavanger)
    body = login("leser").get(_url(the_project(stavanger).pk) + "?lessons=1").content.decode()
    assert _("No entries match the filter.") in body


def test_a_new_entry_is_dated_today(stavanger: Municipality, login: Login) -> None:
    response = login("prosjektleder").get(_url(the_project(stavanger).pk, "ny/?kind=deviation"))
    form = response.context["form"]
    assert form["occurred_on"].value() == timezone.localdate()
    assert form["kind"].value() == "deviation"


def test_the_project_leader_logs_a_deviation(stavanger: Municipality, login: Login) -> None:
    initiative = the_project(stavanger)
    response = login("prosjektleder").post(_url(initiative.pk, "ny/"), _form())
    assert response.status_code == 302
    assert response["Location"] == _url(initiative.pk)
    entry = LogEntry.objects.get(initiative=initiative)
    assert (entry.kind, entry.status, entry.author) == ("deviation", "open", user("prosjektleder"))
    assert entry.occurred_on == date(2026, 4, 14)


def test_a_status_on_an_event_answers_400_with_the_reason(
    stavanger: Municipality, login: Login
) -> None:
    initiative = the_project(stavanger)
    before = projects_state()
    response = login("prosjektleder").post(
        _url(initiative.pk, "ny/"), _form(kind="event", consequence="", status="approved")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["status"] == [
        _("Only change requests and deviations have a status.")
    ]
    assert projects_state() == before


def test_a_date_that_is_not_a_date_answers_400(stavanger: Municipality, login: Login) -> None:
    initiative = the_project(stavanger)
    before = projects_state()
    response = login("prosjektleder").post(_url(initiative.pk, "ny/"), _form(occurred_on="i går"))
    assert response.status_code == 400
    assert "occurred_on" in response.context["form"].errors
    assert projects_state() == before


def test_a_deviation_is_closed(stavanger: Municipality, login: Login) -> None:
    entry = deviation(stavanger)
    response = login("eier").post(
        f"/prosjekter/logg/{entry.pk}/endre/",
        _form(title=entry.title, occurred_on=entry.occurred_on.isoformat(), status="closed"),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "closed"


def test_a_decision_from_the_decision_log_is_not_offered_for_change(
    stavanger: Municipality, login: Login
) -> None:
    entry = _decision_entry(stavanger)
    body = login("prosjektleder").get(_url(entry.initiative_id)).content.decode()
    assert f"/prosjekter/logg/{entry.pk}/endre/" not in body
    assert f"/laering/erfaringer/fra-loggen/{entry.pk}/" in body  # but it can be a lesson
    before = projects_state()
    response = login("prosjektleder").post(
        f"/prosjekter/logg/{entry.pk}/endre/",
        _form(kind="decision", title="Endret", consequence="", occurred_on="2026-01-01"),
    )
    assert response.status_code == 400
    assert projects_state() == before


def test_the_log_makes_a_fixed_number_of_queries(stavanger: Municipality, login: Login) -> None:
    client = login("leser")
    path = _url(the_project(stavanger).pk)
    deviation(stavanger)
    few = count_queries(client, path)
    for number in range(10):
        entry = _entry(stavanger, f"Hendelse {number}", "event", date(2026, 1, number + 1))
        if number % 2:
            lesson_from_log_entry(actor=user("eier"), entry=entry, learned=f"Lærdom {number}")
    _decision_entry(stavanger)
    assert count_queries(client, path) == few
