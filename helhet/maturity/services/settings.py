"""Writes of the municipality's maturity settings (the public maturity page)."""

from __future__ import annotations

from django.db import transaction

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.maturity.models import MaturitySettings
from helhet.organization.models import Municipality


@transaction.atomic
def maturity_settings_update(
    *, actor: User | None, municipality: Municipality, public_page: bool
) -> MaturitySettings:
    """Switch the municipality's public maturity page on or off. One settings record per
    municipality, made the first time."""
    settings = MaturitySettings.objects.select_for_update().filter(
        municipality=municipality
    ).first() or MaturitySettings(municipality=municipality)
    settings.public_page = public_page
    save_with_history(settings, actor=actor)
    return settings
