"""The board: a person who works in the municipality, in a role, once per role; changed and
removed only by those who may change the initiative; a removed member stays in the history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from helhet.organization.models import Municipality
from helhet.projects.models import BoardMember
from helhet.projects.services.board import (
    board_member_add,
    board_member_remove,
    board_member_update,
)
from tests.projects.projectwork import board_member, projects_state, the_project, user

pytestmark = pytest.mark.django_db


def test_the_project_leader_puts_a_person_on_the_board(stavanger: Municipality) -> None:
    member = board_member_add(
        actor=user("prosjektleder"),
        initiative=the_project(stavanger),
        person=user("direktor"),
        role="steering_group_chair",
        note="  Leder styringsgruppen  ",
    )
    assert (member.person.username, member.role, member.note) == (
        "direktor",
        "steering_group_chair",
        "Leder styringsgruppen",
    )
    assert member.municipality == stavanger
    assert member.history.get().history_user == user("prosjektleder")


def test_a_person_may_have_two_roles(stavanger: Municipality) -> None:
    initiative = the_project(stavanger)
    for role in ("steering_group_member", "reference_group"):
        board_member_add(actor=None, initiative=initiative, person=user("direktor"), role=role)
    assert BoardMember.objects.filter(initiative=initiative, person=user("direktor")).count() == 2


def test_the_same_role_twice_is_refused(stavanger: Municipality) -> None:
    existing = board_member(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        board_member_add(
            actor=None, initiative=existing.initiative, person=existing.person, role=existing.role
        )
    assert refused.value.message_dict == {
        "role": [_("This person already has this role in the project.")]
    }
    assert projects_state() == before


def test_a_person_from_another_municipality_is_refused(stavanger: Municipality) -> None:
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        board_member_add(
            actor=None,
            initiative=the_project(stavanger),
            person=user("bergen-admin"),
            role="project_member",
        )
    assert refused.value.message_dict == {
        "person": [_("Choose a person who works in the municipality.")]
    }
    assert projects_state() == before


def test_an_unknown_role_is_refused(stavanger: Municipality) -> None:
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        board_member_add(
            actor=None, initiative=the_project(stavanger), person=user("direktor"), role="king"
        )
    assert "role" in refused.value.message_dict
    assert projects_state() == before


@pytest.mark.parametrize("username", ["leser", "direktor", "gevinsteier", "bergen-admin"])
def test_someone_who_may_not_change_the_initiative_is_refused(
    stavanger: Municipality, username: str
) -> None:
    initiative = the_project(stavanger)
    before = projects_state()
    with pytest.raises(PermissionDenied) as refused:
        board_member_add(
            actor=user(username), initiative=initiative, person=user("direktor"), role="other"
        )
    assert str(refused.value) == _(
        "Only those who may change the initiative may change its board, risks and log."
    )
    assert projects_state() == before


def test_the_role_and_responsibility_can_be_changed(stavanger: Municipality) -> None:
    member = board_member(stavanger)
    board_member_update(
        actor=user("eier"), member=member, role="operations_contact", note="Drift i hjemmetjenesten"
    )
    member.refresh_from_db()
    assert (member.role, member.note) == ("operations_contact", "Drift i hjemmetjenesten")
    assert member.history.count() == 2


def test_changing_to_a_role_the_person_already_has_is_refused(stavanger: Municipality) -> None:
    member = board_member(stavanger)
    board_member_add(
        actor=None, initiative=member.initiative, person=member.person, role="project_member"
    )
    before = projects_state()
    with pytest.raises(ValidationError):
        board_member_update(actor=None, member=member, role="project_member")
    assert projects_state() == before


def test_a_removed_member_is_kept_in_the_history(stavanger: Municipality) -> None:
    member = board_member(stavanger)
    pk = member.pk
    board_member_remove(actor=user("prosjektleder"), member=member)
    assert not BoardMember.objects.filter(pk=pk).exists()
    removed = BoardMember.history.filter(id=pk).order_by("-history_date").first()
    assert removed.history_type == "-"
    assert removed.history_user == user("prosjektleder")
    assert removed.person.username == "gevinsteier"


def test_only_an_editor_removes_a_member(stavanger: Municipality) -> None:
    member = board_member(stavanger)
    before = projects_state()
    with pytest.raises(PermissionDenied):
        board_member_remove(actor=user("leser"), member=member)
    assert projects_state() == before


def test_a_reader_is_put_on_no_board(stavanger: Municipality) -> None:
    """Segregation of duties (issue 12, item 1): a reader is chosen for no task."""
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        board_member_add(
            actor=None,
            initiative=the_project(stavanger),
            person=user("leser"),
            role="reference_group",
        )
    assert list(refused.value.message_dict) == ["person"]
    assert projects_state() == before
