"""Relations between initiatives, and links to an initiative's documents elsewhere."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history, save_with_history
from helhet.portfolio.models import Initiative, InitiativeLink, InitiativeRelation


@transaction.atomic
def relation_add(
    *, actor: User | None, source: Initiative, target: Initiative, kind: str
) -> InitiativeRelation:
    """Relate ``source`` to ``target`` (another initiative in its municipality) by ``kind``,
    once."""
    if source.municipality_id != target.municipality_id:
        raise ValidationError({"target": _("Choose an initiative in the same municipality.")})
    if source.pk == target.pk:
        raise ValidationError({"target": _("An initiative cannot be related to itself.")})
    if InitiativeRelation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError({"target": _("This relation is already registered.")})
    relation = InitiativeRelation(
        municipality_id=source.municipality_id, source=source, target=target, kind=kind
    )
    relation.full_clean()
    save_with_history(relation, actor=actor)
    return relation


@transaction.atomic
def relation_remove(*, actor: User | None, relation: InitiativeRelation) -> None:
    """Remove a relation between initiatives (its history is kept)."""
    delete_with_history(relation, actor=actor)


@transaction.atomic
def link_create(
    *, actor: User | None, initiative: Initiative, title: str, url: str
) -> InitiativeLink:
    """Link the initiative to a document kept elsewhere (a title and an address)."""
    link = InitiativeLink(
        municipality_id=initiative.municipality_id, initiative=initiative, title=title, url=url
    )
    link.full_clean()
    save_with_history(link, actor=actor)
    return link


@transaction.atomic
def link_delete(*, actor: User | None, link: InitiativeLink) -> None:
    """Remove a document link (its history is kept)."""
    delete_with_history(link, actor=actor)
