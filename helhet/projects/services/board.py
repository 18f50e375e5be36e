"""Every change to a project's board: checked against the actor's right to change the initiative,
validated, atomic, recorded in history. Nothing is saved when anything is refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history, save_with_history
from helhet.portfolio.models import Initiative
from helhet.projects.models import BoardMember
from helhet.projects.services.checks import check_may_be_chosen, check_may_edit, check_member


def _check_not_on_board(initiative: Initiative, person: User, role: str, pk: int | None) -> None:
    others = BoardMember.objects.filter(initiative=initiative, person=person, role=role)
    if pk is not None:
        others = others.exclude(pk=pk)
    if others.exists():
        raise ValidationError({"role": _("This person already has this role in the project.")})


@transaction.atomic
def board_member_add(
    *, actor: User | None, initiative: Initiative, person: User, role: str, note: str = ""
) -> BoardMember:
    """Put a member of the municipality on the initiative's board in ``role``; the same person
    has each role at most once; a reader is chosen for nothing."""
    check_may_edit(actor, initiative)
    check_member(initiative, person, "person")
    check_may_be_chosen(initiative, person, "person")
    _check_not_on_board(initiative, person, role, None)
    member = BoardMember(
        municipality_id=initiative.municipality_id,
        initiative=initiative,
        person=person,
        role=role,
        note=note.strip(),
    )
    member.full_clean()
    save_with_history(member, actor=actor)
    return member


@transaction.atomic
def board_member_update(
    *, actor: User | None, member: BoardMember, role: str, note: str = ""
) -> BoardMember:
    """Change a board member's role or responsibility (the person stays; remove and add to
    change the person)."""
    member = BoardMember.objects.select_for_update().select_related("initiative").get(pk=member.pk)
    check_may_edit(actor, member.initiative)
    _check_not_on_board(member.initiative, member.person, role, member.pk)
    member.role = role
    member.note = note.strip()
    member.full_clean()
    save_with_history(member, actor=actor)
    return member


@transaction.atomic
def board_member_remove(*, actor: User | None, member: BoardMember) -> None:
    """Take a person out of the board in one role. The history keeps that they were on it."""
    check_may_edit(actor, member.initiative)
    delete_with_history(member, actor=actor)
