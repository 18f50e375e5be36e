"""The benefits settings of a municipality: the hours in one full-time equivalent.

Each service validates the whole record (model ``clean`` and constraints), records who
changed it in the history, and refuses with a Norwegian message, changing nothing, when the
input does not hold."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.models import (
    BenefitSettings,
)
from helhet.core.history import save_with_history
from helhet.organization.models import Municipality

HOURS_PER_FTE_MIN = Decimal(100)
HOURS_PER_FTE_MAX = Decimal(3000)


@transaction.atomic
def benefit_settings_update(
    *, actor: User | None, municipality: Municipality, hours_per_fte: Decimal
) -> BenefitSettings:
    """Set how many working hours make one full-time equivalent (årsverk) when the overview
    shows freed time as capacity: from 100 to 3,000, with at most one decimal. One settings
    record per municipality, made the first time. Anything else is refused with a Norwegian
    message and nothing changes."""
    if not hours_per_fte.is_finite() or not (
        HOURS_PER_FTE_MIN <= hours_per_fte <= HOURS_PER_FTE_MAX
    ):
        raise ValidationError({"hours_per_fte": _("Enter a number of hours from 100 to 3,000.")})
    settings = BenefitSettings.objects.select_for_update().filter(
        municipality=municipality
    ).first() or BenefitSettings(municipality=municipality)
    settings.hours_per_fte = hours_per_fte
    settings.full_clean(exclude=["municipality"])
    save_with_history(settings, actor=actor)
    return settings
