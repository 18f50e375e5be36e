"""The board page: the owner and leader as registered on the initiative, then the project
organisation by role; adding, changing and taking people off; the board's history; the project
work menu on the initiative's and the project's pages."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils.translation import gettext as _

from helhet.accounts.roles import Role
from helhet.organization.models import Municipality
from helhet.projects.models import BoardMember
from helhet.projects.services.board import board_member_add
from tests.conftest import add_members, count_queries
from tests.projects.projectwork import board_member, projects_state, the_project, user

Login = Callable[[str], Client]


def _url(pk: int, suffix: str = "") -> str:
    return f"/prosjekter/{pk}/organisasjon/{suffix}"


def test_a_reader_sees_the_owner_leader_and_board_by_role(
    stavanger: Municipality, login: Login
) -> None:
    member = board_member(stavanger)
    initiative = member.initiative
    board_member_add(
        actor=None, initiative=initiative, person=user("direktor"), role="project_owner"
    )
    response = login("leser").get(_url(initiative.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Øyvind Tjelta" in body and "Hanne Vik" in body  # owner and leader of the initiative
    assert [(m.person.username, m.role) for m in response.context["members"]] == [
        ("direktor", "project_owner"),
        ("gevinsteier", "benefits_owner"),
    ]
    assert "Gevinstene i hjemmetjenesten" in body
    assert _url(initiative.pk, "ny/") not in body
    assert f"/prosjekter/organisasjon/{member.pk}/fjern/" not in body


def test_the_project_leader_is_offered_to_add_change_and_remove(
    stavanger: Municipality, login: Login
) -> None:
    member = board_member(stavanger)
    body = login("prosjektleder").get(_url(member.initiative_id)).content.decode()
    assert _url(member.initiative_id, "ny/") in body
    assert f"/prosjekter/organisasjon/{member.pk}/endre/" in body
    assert f"/prosjekter/organisasjon/{member.pk}/fjern/" in body


def test_the_project_leader_adds_a_person(stavanger: Municipality, login: Login) -> None:
    initiative = the_project(stavanger)
    response = login("prosjektleder").post(
        _url(initiative.pk, "ny/"),
        {"person": user("direktor").pk, "role": "steering_group_chair", "note": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == _url(initiative.pk)
    member = BoardMember.objects.get(initiative=initiative)
    assert (member.person.username, member.role) == ("direktor", "steering_group_chair")


def test_the_add_form_offers_only_the_municipalitys_people(
    stavanger: Municipality, login: Login
) -> None:
    response = login("prosjektleder").get(_url(the_project(stavanger).pk, "ny/"))
    people = {str(person) for person in response.context["form"].fields["person"].queryset}
    assert "Hanne Vik" in people
    assert "Eli Fjell" not in people  # Bergen's administrator


def test_a_person_from_another_municipality_answers_400_and_changes_nothing(
    stavanger: Municipality, login: Login
) -> None:
    initiative = the_project(stavanger)
    before = projects_state()
    response = login("prosjektleder").post(
        _url(initiative.pk, "ny/"), {"person": user("bergen-admin").pk, "role": "other"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["person"]
    assert projects_state() == before


def test_the_same_role_twice_answers_400_with_the_reason(
    stavanger: Municipality, login: Login
) -> None:
    member = board_member(stavanger)
    before = projects_state()
    response = login("prosjektleder").post(
        _url(member.initiative_id, "ny/"), {"person": member.person_id, "role": member.role}
    )
    assert response.status_code == 400
    assert _("This person already has this role in the project.") in response.content.decode()
    assert projects_state() == before


def test_the_role_is_changed(stavanger: Municipality, login: Login) -> None:
    member = board_member(stavanger)
    response = login("eier").post(
        f"/prosjekter/organisasjon/{member.pk}/endre/",
        {"role": "steering_group_member", "note": "Gevinster"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.note) == ("steering_group_member", "Gevinster")


def test_a_person_taken_off_is_still_in_the_boards_history(
    stavanger: Municipality, login: Login
) -> None:
    member = board_member(stavanger)
    client = login("prosjektleder")
    assert client.get(f"/prosjekter/organisasjon/{member.pk}/fjern/").status_code == 200
    response = client.post(f"/prosjekter/organisasjon/{member.pk}/fjern/")
    assert response.status_code == 302
    assert not BoardMember.objects.filter(pk=member.pk).exists()

    history = login("leser").get(_url(member.initiative_id, "historikk/"))
    records = history.context["records"]
    assert [(r.history_type, r.person.username) for r in records] == [
        ("-", "gevinsteier"),
        ("+", "gevinsteier"),
    ]
    assert "Tor Espeland" in history.content.decode()
    assert _("Taken off") in history.content.decode()


def test_the_board_page_makes_a_fixed_number_of_queries(
    stavanger: Municipality, login: Login
) -> None:
    initiative = the_project(stavanger)
    client = login("leser")
    board_member(stavanger)
    few = count_queries(client, _url(initiative.pk))
    for membership in add_members(stavanger, 12, Role.BENEFITS_OWNER):
        board_member_add(
            actor=None, initiative=initiative, person=membership.user, role="project_member"
        )
    assert len(client.get(_url(initiative.pk)).context["members"]) == 13
    assert count_queries(client, _url(initiative.pk)) == few


def test_the_board_history_makes_a_fixed_number_of_queries(
    stavanger: Municipality, login: Login
) -> None:
    initiative = the_project(stavanger)
    client = login("leser")
    board_member(stavanger)
    few = count_queries(client, _url(initiative.pk, "historikk/"))
    for membership in add_members(stavanger, 8, Role.BENEFITS_OWNER):
        board_member_add(
            actor=None, initiative=initiative, person=membership.user, role="reference_group"
        )
    assert count_queries(client, _url(initiative.pk, "historikk/")) == few


@pytest.mark.parametrize("page", ["/portefolje/tiltak/{pk}/", "/prosjekter/{pk}/"])
def test_the_initiative_and_project_pages_lead_to_the_project_work(
    stavanger: Municipality, login: Login, page: str
) -> None:
    initiative = the_project(stavanger)
    board_member(stavanger)
    response = login("leser").get(page.format(pk=initiative.pk))
    body = response.content.decode()
    assert 'id="project-work"' in body
    for link in ("organisasjon/", "usikkerheter/", "logg/"):
        assert f'href="/prosjekter/{initiative.pk}/{link}"' in body
