"""The demo projects on their methods: a new user finds projects at different gates, a decision
waiting for the project owner at the gate into operation, one waiting for Smartby's chief for
over a month, and a project with a board, uncertainties and a lesson in its log; and the
lessons register with the audit's lessons."""

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.learning.models import Lesson
from helhet.methodology.models import DecisionRequest, ProjectMethod
from helhet.projects.models import Risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(whole_demo: None, db: None) -> None:
    """What ``manage.py load_demo`` loads (tests/conftest.py)."""


def test_four_demo_initiatives_run_on_four_methods(loaded: None) -> None:
    runs = {
        run.initiative.name: (run.version.method.name, run.current_phase.name)
        for run in ProjectMethod.objects.select_related(
            "initiative", "version__method", "current_phase"
        )
    }
    assert runs == {
        "Medisindispensere": ("Implementering av velferdsteknologi", "Overgang til drift"),
        "Kvikktest Øyriket": ("Smartbyprosessen", "Innsiktsarbeid"),
        "Legevaktprosjektet": ("Prosjektveiviseren", "Konsept"),
        "Optimalisering av SvarUt": ("Lett metode for små forbedringer", "Idé"),
    }


def test_the_project_owner_finds_the_handover_to_operation_waiting(loaded: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="eier"))
    waiting = client.get("/prosjekter/beslutninger/").content.decode()
    assert "Medisindispensere" in waiting
    assert "EH4" in waiting


def test_smartbys_chief_has_kept_kvikktest_oyriket_waiting_over_a_month(loaded: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="leser"))
    body = client.get("/portefolje/", {"blocked_days": 30}).content.decode()
    assert "Kvikktest Øyriket" in body
    assert "Medisindispensere" not in body
    assert DecisionRequest.objects.filter(status="pending").count() == 2


def test_the_dispensers_keep_risks_and_a_lesson(loaded: None) -> None:
    assert Risk.objects.filter(initiative__name="Medisindispensere").count() == 3
    lessons = Lesson.objects.filter(initiative__name="Medisindispensere", source="log")
    assert lessons.count() == 1


def test_the_lessons_register_holds_the_audits_lessons(loaded: None) -> None:
    """The register (helhet/demo/lessons.py) across departments: RPA, the drone project, the
    dispensers (written and from the project log) and E-helse's wish for method competence;
    a reader finds the RPA lesson by searching for the fear of becoming redundant."""
    titles = dict(Lesson.objects.values_list("title", "initiative__name"))
    assert titles["Involver de ansatte før robotene kommer"] == "RPA"
    assert titles["Et utforskende prosjekt trenger et hjem i drift"] == "Droneprosjektet"
    assert titles["Bruken av medisindispensere faller når oppfølgingen stopper"] == (
        "Medisindispensere"
    )
    assert titles["Vi trenger mer kompetanse i prosjektmetodikk og implementering"] is None
    client = Client()
    client.force_login(User.objects.get(username="leser"))
    found = client.get("/laering/erfaringer/", {"q": "overflødige"}).context["page"]
    assert [lesson.title for lesson in found] == ["Involver de ansatte før robotene kommer"]
