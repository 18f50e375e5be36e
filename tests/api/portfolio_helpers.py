"""Initiatives for the API tests, registered through the services as a user's would be."""

from typing import Any

from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services import initiative_create
from tests.conftest import unit_named


def make_initiative(
    municipality: Municipality,
    name: str,
    *,
    owning_unit: str = "Innovasjon og digitalisering",
    kind: str = InitiativeKind.PROJECT,
    **fields: Any,
) -> Initiative:
    return initiative_create(
        actor=None,
        municipality=municipality,
        name=name,
        kind=kind,
        owning_unit=unit_named(municipality, owning_unit),
        **fields,
    )
