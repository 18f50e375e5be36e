"""Lessons written where the work ends: at the closing gate (the decision that completed the
method offers "Skriv erfaringer fra avslutningen" in the project's decision log; the lesson is
from the closing, about the initiative, tied to the decision) and on a solution in use (its page
lists its lessons and offers to write one). A reader reads them but writes none; another
municipality's decision or solution is not found."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from helhet.learning.models import Lesson, LessonSource
from helhet.organization.models import Municipality
from tests.adoption.helpers import dispensers, handed_over

Login = Callable[[str], Client]
FORM = {"title": "Avklar drift tidlig", "learned": "Driften må forberedes parallelt med piloten."}


def test_a_lesson_is_written_at_the_closing_gate(stavanger: Municipality, login: Login) -> None:
    decision = handed_over(stavanger)
    assert decision.completes_method
    initiative = decision.request.initiative
    url = f"/laering/erfaringer/fra-avslutningen/{decision.pk}/"
    leader = login("prosjektleder")
    assert url in leader.get(f"/prosjekter/{initiative.pk}/").content.decode()
    assert leader.get(url).status_code == 200
    assert leader.post(url, FORM).status_code == 302
    lesson = Lesson.objects.get()
    assert (lesson.source, lesson.decision, lesson.initiative) == (
        LessonSource.CLOSING,
        decision,
        initiative,
    )
    assert lesson.phase_name == decision.from_phase.name
    page = login("leser").get(f"/prosjekter/{initiative.pk}/").content.decode()
    assert f"/laering/erfaringer/{lesson.pk}/" in page
    assert url not in page
    assert login("leser").get(url).status_code == 403
    assert login("bergen-admin").get(url).status_code == 404


def test_a_lesson_is_written_from_a_solution_in_use(stavanger: Municipality, login: Login) -> None:
    solution, _hundvag, _hinna = dispensers(stavanger)
    url = f"/laering/erfaringer/fra-losningen/{solution.pk}/"
    page = login("gevinsteier").get(f"/losninger/{solution.pk}/").content.decode()
    assert url in page
    response = login("gevinsteier").post(
        url,
        {"title": "Bruken faller uten oppfølging", "learned": "Påminnelser holder bruken oppe."},
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert (lesson.source, lesson.solution, lesson.unit) == (
        LessonSource.SOLUTION,
        solution,
        solution.owner_unit,
    )
    page = login("leser").get(f"/losninger/{solution.pk}/").content.decode()
    assert "Bruken faller uten oppfølging" in page
    assert url not in page
    assert login("bergen-admin").get(url).status_code == 404
