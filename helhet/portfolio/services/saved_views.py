"""Saved views: the overview's filters kept under a name."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.duties import refusal_to_share
from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import SavedView


@transaction.atomic
def saved_view_create(
    *, actor: User, municipality: Municipality, name: str, query: str, shared: bool
) -> SavedView:
    """Save the overview's current filters under a name, for oneself or shared; a reader
    shares nothing (``helhet.accounts.duties.refusal_to_share``)."""
    refusal = refusal_to_share(actor, municipality_id=municipality.pk) if shared else None
    if refusal is not None:
        raise ValidationError({"shared": refusal})
    if SavedView.objects.filter(municipality=municipality, owner=actor, name=name).exists():
        raise ValidationError({"name": _("You already have a view with this name.")})
    view = SavedView(municipality=municipality, owner=actor, name=name, query=query, shared=shared)
    view.full_clean()
    view.save()
    return view


@transaction.atomic
def saved_view_delete(*, view: SavedView) -> None:
    """Delete a saved view."""
    view.delete()
