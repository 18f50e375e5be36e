"""Help across departments: a unit asks a department, the department's people (never the one
who asked) accept with a plan or decline with a reason and close it; the list shows per
department how many wait and for how long."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from helhet.learning.models import HelpRequest, HelpStatus
from helhet.learning.services.help import help_request_answer, help_request_ask
from helhet.organization.models import Municipality
from tests.conftest import database_state, unit_named
from tests.ideas.helpers import person

pytestmark = pytest.mark.django_db


def ask(stavanger: Municipality, *, by: str = "gevinsteier", **fields: Any) -> HelpRequest:
    values = {
        "from_unit": unit_named(stavanger, "Hundvåg hjemmebaserte tjenester"),
        "to_unit": unit_named(stavanger, "E-helse og velferdsteknologi"),
        "kind": "implementation",
        "title": "Hjelp til å gå gjennom brukerlistene",
        "description": "Bruken av dispensere har falt etter at oppfølgingen stoppet.",
        **fields,
    }
    return help_request_ask(actor=person(by), municipality=stavanger, **values)


def test_a_unit_asks_and_the_asked_department_accepts_and_closes(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    asker = login("gevinsteier")
    response = asker.post(
        "/laering/hjelp/ny/",
        {
            "from_unit": unit_named(stavanger, "Hundvåg hjemmebaserte tjenester").pk,
            "to_unit": unit_named(stavanger, "E-helse og velferdsteknologi").pk,
            "kind": "implementation",
            "title": "Hjelp til å gå gjennom brukerlistene",
            "description": "Bruken av dispensere har falt etter at oppfølgingen stoppet.",
        },
    )
    asked = HelpRequest.objects.get(municipality=stavanger)
    assert response.status_code == 302
    assert asked.asked_by == person("gevinsteier")
    listed = asker.get("/laering/hjelp/").content.decode()
    assert "E-helse og velferdsteknologi" in listed and 'id="help-load"' in listed
    # The asker reads it but is no one to answer it; nor is the director above the department.
    page = asker.get(f"/laering/hjelp/{asked.pk}/").content.decode()
    assert 'id="help-answer-form"' not in page
    assert login("eier").post(f"/laering/hjelp/{asked.pk}/svar/", {}).status_code == 403

    department = login("prosjektleder")
    assert 'id="help-answer-form"' in department.get(f"/laering/hjelp/{asked.pk}/").content.decode()
    before = database_state()
    refused = department.post(f"/laering/hjelp/{asked.pk}/svar/", {"decision": "decline"})
    assert refused.status_code == 400
    assert "Skriv hvorfor dere takker nei" in refused.content.decode()
    assert database_state() == before

    department.post(
        f"/laering/hjelp/{asked.pk}/svar/",
        {"decision": "accept", "answer": "Vi er hos dere to dager i uka.", "version": 1},
    )
    department.post(
        f"/laering/hjelp/{asked.pk}/lukk/", {"outcome": "Listene er gått gjennom.", "version": 2}
    )
    asked.refresh_from_db()
    assert asked.status == HelpStatus.CLOSED
    assert asked.answered_by == person("prosjektleder")
    assert asked.outcome == "Listene er gått gjennom."
    assert asked.history.count() == 3


def test_nobody_answers_a_request_they_asked_themselves(stavanger: Municipality) -> None:
    # The project leader works in E-helse og velferdsteknologi, and asks it on Hundvåg's behalf.
    asked = ask(stavanger, by="prosjektleder")
    with pytest.raises(PermissionDenied, match="Du ba om denne hjelpen selv"):
        help_request_answer(actor=person("prosjektleder"), request=asked, accept=True, answer="Ja.")


def test_bad_requests_are_refused_and_nothing_is_written(stavanger: Municipality) -> None:
    same = unit_named(stavanger, "E-helse og velferdsteknologi")
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        ask(stavanger, from_unit=same, to_unit=same, description=" ")
    assert set(refused.value.message_dict) == {"to_unit", "description"}
    with pytest.raises(PermissionDenied):
        ask(stavanger, by="leser")
    assert database_state() == before


def test_only_a_department_that_offers_help_is_asked(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    """The demo marks the digital departments (Innovasjon og digitalisering, E-helse og
    velferdsteknologi, Smartby): the form offers only them, and another unit is refused."""
    form = login("gevinsteier").get("/laering/hjelp/ny/").context["form"]
    offered = {unit.name for unit in form.fields["to_unit"].queryset}
    assert offered == {"Innovasjon og digitalisering", "E-helse og velferdsteknologi", "Smartby"}
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        ask(stavanger, to_unit=unit_named(stavanger, "IT-avdelingen"))
    assert refused.value.message_dict["to_unit"] == [
        "Spør en av avdelingene som tilbyr hjelp på tvers: E-helse og velferdsteknologi, "
        "Innovasjon og digitalisering, Smartby."
    ]
    assert database_state() == before


def test_the_wait_per_department_and_the_list_cost_the_same_for_many_requests(
    stavanger: Municipality, login: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    first = ask(stavanger)
    HelpRequest.objects.filter(pk=first.pk).update(asked_at=timezone.now() - timedelta(days=9))
    ask(stavanger, title="Hjelp til datadeling", kind="data")
    client = login("leser")
    client.get("/laering/hjelp/")
    with django_assert_max_num_queries(12) as few:
        page = client.get("/laering/hjelp/").content.decode()
    assert '<td class="hh-num">9</td>' in page  # the longest wait
    for number in range(20):
        ask(stavanger, title=f"Forespørsel {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/laering/hjelp/")
