"""The checks the board, risk register and project log share: the actor may change the
initiative, and a person named works in its municipality.

``actor=None`` is the system itself (demo data, a decision recorded by the method); it is not
checked."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.duties import ANY_TASK, refusal_to_choose
from helhet.accounts.models import Membership, User
from helhet.portfolio.access import can_edit_initiative
from helhet.portfolio.models import Initiative


def check_may_edit(actor: User | None, initiative: Initiative) -> None:
    """Refuse (PermissionDenied) an actor who may not change the initiative."""
    if actor is None:
        return
    membership = Membership.objects.filter(
        user=actor, municipality_id=initiative.municipality_id
    ).first()
    if membership is None or not can_edit_initiative(membership, initiative):
        raise PermissionDenied(
            _("Only those who may change the initiative may change its board, risks and log.")
        )


def check_member(initiative: Initiative, person: User | None, field: str) -> None:
    """Refuse (on ``field``) a person who does not work in the initiative's municipality."""
    if person is None:
        return
    if not Membership.objects.filter(
        user=person, municipality_id=initiative.municipality_id
    ).exists():
        raise ValidationError({field: _("Choose a person who works in the municipality.")})


def check_may_be_chosen(initiative: Initiative, person: User | None, field: str) -> None:
    """Refuse (on ``field``) a reader: they are chosen for no task in a project
    (``helhet.accounts.duties``)."""
    refusal = refusal_to_choose(
        person, municipality_id=initiative.municipality_id, capability=ANY_TASK
    )
    if refusal is not None:
        raise ValidationError({field: refusal})
