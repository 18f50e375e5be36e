"""The lessons register in the API: the list of the token's municipality (lessons from the log
and written ones alike, newest first, paginated, searched and filtered), one lesson, writing one
(not a reader; bad input 422 with nothing written) and changing one (its author or the portfolio
office; a stale version refused); another municipality's lesson is 404."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.utils.translation import gettext as _

from helhet.learning.models import Lesson
from helhet.learning.services.lessons import lesson_from_log_entry
from helhet.organization.models import Municipality
from helhet.projects.services.log import log_entry_create
from tests.conftest import unit_named
from tests.learning.helpers import write
from tests.projects.matrix_projects import project
from tests.projects.projectwork import the_project

Headers = Callable[[str], dict[str, str]]
API = "/api/v1/lessons"


def test_the_register_newest_first_paginated_and_searched(
    stavanger: Municipality, bergen: Municipality, api_headers: Headers
) -> None:
    initiative = the_project(stavanger)
    entry = log_entry_create(actor=None, initiative=initiative, kind="event", title="Første")
    first = lesson_from_log_entry(actor=None, entry=entry, learned="Lærdom fra loggen")
    write(stavanger, title="Andre", learned="Bruken faller når oppfølgingen stopper.")
    write(stavanger, title="Tredje", learned="Involver de ansatte.", themes=["RPA"])
    bergens = project(bergen, "Bergens prosjekt", owner=None, leader=None, method=None)
    entry = log_entry_create(actor=None, initiative=bergens, kind="event", title="Bergen")
    lesson_from_log_entry(actor=None, entry=entry, learned="Nei")
    headers = api_headers("leser")

    page = Client().get(f"{API}?page_size=2", headers=headers).json()
    assert (page["count"], page["previous"]) == (3, None)
    assert [row["title"] for row in page["results"]] == ["Tredje", "Andre"]
    assert page["results"][0]["themes"] == ["RPA"]
    assert page["next"].endswith(f"{API}?page_size=2&page=2")
    second = Client().get(f"{API}?page_size=2&page=2", headers=headers).json()
    row = second["results"][0]
    assert (row["id"], row["source"], row["initiative"]["name"]) == (
        first.pk,
        "log",
        "Trygghetsalarm",
    )
    assert row["log_entry_id"] == first.log_entry_id
    searched = Client().get(f"{API}?q=OPPFØLGINGEN", headers=headers).json()
    assert [row["title"] for row in searched["results"]] == ["Andre"]
    by_source = Client().get(f"{API}?source=log", headers=headers).json()
    assert [row["title"] for row in by_source["results"]] == ["Første"]
    one = Client().get(f"{API}/{first.pk}", headers=headers)
    assert (one.status_code, one.json()["learned"]) == (200, "Lærdom fra loggen")
    assert Client().get(f"{API}/{first.pk}", headers=api_headers("bergen-admin")).status_code == 404
    assert Client().get(API).status_code == 401


def test_a_lesson_is_written_and_changed_through_the_api(
    stavanger: Municipality, bergen: Municipality, api_headers: Headers
) -> None:
    body = {
        "title": "Uten naturlig hjem",
        "learned": "Et utforskende prosjekt trenger en mottaker i drift fra starten.",
        "unit_id": unit_named(stavanger, "Smartby").pk,
        "themes": ["Droner", "Smartby"],
    }
    leader = api_headers("prosjektleder")
    refused = Client().post(API, {**body, "title": " "}, "application/json", headers=leader)
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"title": [_("Give the lesson a short title.")]}
    elsewhere = {**body, "unit_id": unit_named(bergen, "Digitaliseringsavdelingen").pk}
    refused = Client().post(API, elsewhere, "application/json", headers=leader)
    assert refused.json()["errors"] == {"unit_id": [_("Choose a unit in your municipality.")]}
    reader = Client().post(API, body, "application/json", headers=api_headers("leser"))
    assert reader.status_code == 403
    assert not Lesson.objects.exists()

    created = Client().post(API, body, "application/json", headers=leader)
    assert created.status_code == 201
    lesson = created.json()
    assert (lesson["source"], lesson["author"]["username"], lesson["unit"]["name"]) == (
        "written",
        "prosjektleder",
        "Smartby",
    )
    url = f"{API}/{lesson['id']}"
    change = {**body, "advice": "Avklar eierskapet før piloten.", "version": lesson["version"]}
    owner = Client().put(url, change, "application/json", headers=api_headers("eier"))
    assert owner.status_code == 403
    office = Client().put(url, change, "application/json", headers=api_headers("portefolje"))
    assert (office.status_code, office.json()["advice"]) == (200, "Avklar eierskapet før piloten.")
    stale = Client().put(url, change, "application/json", headers=leader)
    assert stale.status_code == 422
    assert Lesson.objects.get().version == 2
