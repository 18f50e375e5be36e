"""The lessons register: one searchable list across departments (searched in Norwegian, case
aside, also æ, ø and å; filtered by theme, phase, department with the units below it, method and
source), a lesson's page with its history, writing a lesson (a title and what was learned
required; nothing written otherwise) and changing it (its author or the portfolio office)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils.translation import gettext as _

from helhet.learning import search as lesson_search
from helhet.learning.models import Lesson, LessonSource
from helhet.learning.selectors import LessonFilter, lessons_found
from helhet.learning.services.lessons import lesson_update, lesson_write
from helhet.methodology.models import Method
from helhet.organization.models import Municipality
from tests.conftest import count_queries, unit_named
from tests.learning.helpers import person, write
from tests.projects.matrix_projects import project

Login = Callable[[str], Client]
LIST = "/laering/erfaringer/"


def _titles(response: object) -> list[str]:
    return [lesson.title for lesson in response.context["page"].object_list]  # type: ignore[attr-defined]


def test_a_project_leader_writes_a_lesson_and_a_reader_finds_it(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Robotisering av fakturamottak")
    leader = login("prosjektleder")
    form = leader.get(f"{LIST}ny/")
    assert form.status_code == 200
    response = leader.post(
        f"{LIST}ny/",
        {
            "title": "Involver de ansatte tidlig",
            "what_happened": "Robotene tok over fakturamottaket.",
            "learned": "Frykten for å bli overflødig bremset bruken.",
            "advice": "Snakk med de ansatte før dere starter.",
            "initiative": str(initiative.pk),
            "themes": "RPA, Ansatte",
        },
    )
    lesson = Lesson.objects.get(title="Involver de ansatte tidlig")
    assert response.status_code == 302
    assert response.url == f"{LIST}{lesson.pk}/"  # type: ignore[attr-defined]
    # The unit and the phase come from the initiative; the author is who wrote it.
    assert (lesson.source, lesson.author, lesson.unit) == (
        LessonSource.WRITTEN,
        person("prosjektleder"),
        initiative.owning_unit,
    )
    assert lesson.phase_name == initiative.method_run.current_phase.name
    assert sorted(theme.name for theme in lesson.themes.all()) == ["Ansatte", "RPA"]

    reader = login("leser")
    listed = reader.get(LIST, {"q": "overflødig"})
    assert _titles(listed) == ["Involver de ansatte tidlig"]
    page = reader.get(f"{LIST}{lesson.pk}/").content.decode()
    assert "Snakk med de ansatte før dere starter." in page
    assert "Robotisering av fakturamottak" in page
    assert f"{LIST}{lesson.pk}/endre/" not in page  # the reader changes nothing
    assert f"{LIST}ny/" not in reader.get(LIST).content.decode()
    history = reader.get(f"{LIST}{lesson.pk}/historikk/")
    assert history.status_code == 200
    assert "Involver de ansatte tidlig" in history.content.decode()


def test_a_lesson_without_a_title_or_what_was_learned_is_refused_and_nothing_written(
    stavanger: Municipality, login: Login, bergen: Municipality
) -> None:
    response = login("prosjektleder").post(f"{LIST}ny/", {"title": " ", "learned": ""})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["title"] == [_("Give the lesson a short title.")]
    assert errors["learned"] == [_("Write what you learned.")]
    bergens = project(bergen, "Bergens prosjekt", owner=None, leader=None, method=None)
    with pytest.raises(ValidationError) as refused:
        write(stavanger, initiative=bergens)
    assert refused.value.message_dict == {
        "initiative": [_("Choose an initiative in your municipality.")]
    }
    with pytest.raises(PermissionDenied):
        write(stavanger, by="leser")
    assert not Lesson.objects.exists()


def test_the_author_and_the_portfolio_office_change_a_lesson_others_do_not(
    stavanger: Municipality, login: Login
) -> None:
    lesson = write(stavanger, themes=["RPA"])
    url = f"{LIST}{lesson.pk}/endre/"
    assert login("eier").get(url).status_code == 403
    assert login("leser").get(url).status_code == 403
    form = login("portefolje").get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["themes"] == "RPA"
    response = login("portefolje").post(
        url,
        {
            "title": lesson.title,
            "learned": "Frykten for å bli overflødig bremset bruken; involver de ansatte.",
            "themes": "RPA, Ansatte",
            "version": str(lesson.version),
        },
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.learned.endswith("involver de ansatte.")
    assert (lesson.author, lesson.version) == (person("prosjektleder"), 2)
    # A change based on the version before is refused: someone else saved in between.
    stale = login("prosjektleder").post(
        url, {"title": "Gammel", "learned": "Gammel tekst", "version": "1"}
    )
    assert stale.status_code == 400
    assert Lesson.objects.get(pk=lesson.pk).title == "Involver de ansatte tidlig"
    with pytest.raises(PermissionDenied):
        lesson_update(actor=person("eier"), lesson=lesson, title="X", learned="Y")
    learned = set(lesson.history.values_list("learned", flat=True))
    assert learned == {"Frykten for å bli overflødig bremset bruken av robotene.", lesson.learned}


def test_the_search_finds_norwegian_words_whatever_their_case(stavanger: Municipality) -> None:
    write(stavanger, title="ÆRLIG OM ØKONOMIEN", learned="Åpenhet om kostnadene gir tillit.")
    write(stavanger, title="Droneprosjektet", learned="Et utforskende prosjekt uten naturlig hjem.")
    write(stavanger, title="Dispensere", learned="Bruken faller når oppfølgingen stopper.")

    def found(query: str) -> list[str]:
        return [lesson.title for lesson in lessons_found(stavanger, LessonFilter(query=query))]

    assert found("ærlig økonomien") == ["ÆRLIG OM ØKONOMIEN"]
    assert found("ÅPENHET") == ["ÆRLIG OM ØKONOMIEN"]
    assert found("oppfølgingen") == ["Dispensere"]
    assert found("hjem") == ["Droneprosjektet"]
    assert found("ingenting slikt") == []
    assert len(found("")) == 3


def test_a_search_with_more_matches_than_it_ranks_shows_the_newest_and_says_so(
    stavanger: Municipality, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common word matches half the register of a large municipality: the search ranks the
    newest MAX_RANKED matches (here 3, for 5 lessons), and the list says there are more."""
    monkeypatch.setattr(lesson_search, "MAX_RANKED", 3)
    for number in range(5):
        write(stavanger, title=f"Oppfølging {number}", learned="Brukerlister gjennomgått.")
    write(stavanger, title="Dronen", learned="Et utforskende prosjekt.")
    reader = login("leser")
    response = reader.get(LIST, {"q": "brukerlister"})
    assert _titles(response) == ["Oppfølging 4", "Oppfølging 3", "Oppfølging 2"]
    assert "Mer enn 3 erfaringer passer til «brukerlister»: de 3 nyeste vises" in (
        response.content.decode()
    )
    # Three matches of three: all of them, and no such notice.
    response = reader.get(LIST, {"q": "utforskende"})
    assert _titles(response) == ["Dronen"]
    assert "Mer enn" not in response.content.decode()


def test_the_filters_narrow_the_list(stavanger: Municipality, login: Login) -> None:
    smartby = unit_named(stavanger, "Smartby")
    drone = project(stavanger, "Droneprosjektet", method="Smartbyprosessen")
    write(stavanger, title="Uten naturlig hjem", initiative=drone, unit=smartby, themes=["Droner"])
    write(stavanger, title="Dispensere", unit=unit_named(stavanger, "E-helse og velferdsteknologi"))
    write(stavanger, title="Robotene", themes=["RPA"], phase_name="Gjennomføring")
    reader = login("leser")
    theme = drone.lessons.get().themes.get()
    smartby_method = Method.objects.get(municipality=stavanger, name="Smartbyprosessen")
    above_smartby = smartby.parent
    assert above_smartby is not None
    assert _titles(reader.get(LIST, {"theme": theme.pk})) == ["Uten naturlig hjem"]
    assert _titles(reader.get(LIST, {"phase": "Gjennomføring"})) == ["Robotene"]
    assert _titles(reader.get(LIST, {"unit": above_smartby.pk})) == ["Uten naturlig hjem"]
    assert _titles(reader.get(LIST, {"method": smartby_method.pk})) == ["Uten naturlig hjem"]
    assert _titles(reader.get(LIST, {"source": "log"})) == []
    assert len(_titles(reader.get(LIST, {"source": "written", "unit": "x"}))) == 3
    body = reader.get(LIST, {"q": "finnes ikke"}).content.decode()
    assert 'id="no-lessons"' in body


def test_the_list_costs_the_same_queries_for_many_lessons(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Robotisering", method=None)
    write(stavanger, initiative=initiative, themes=["RPA"])
    reader = login("leser")
    few = count_queries(reader, LIST)
    for number in range(12):
        lesson_write(
            actor=person("eier"),
            municipality=stavanger,
            title=f"Lærdom {number}",
            learned=f"Tekst {number}",
            initiative=initiative,
            unit=unit_named(stavanger, "Smartby"),
            themes=[f"Tema {number}", "RPA"],
        )
    assert count_queries(reader, LIST) == few
    assert count_queries(reader, f"{LIST}?q=tekst") == few
