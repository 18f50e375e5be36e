"""Portfolio fixtures: initiatives made through the services, as a user's would be."""

from collections.abc import Callable
from typing import Any

import pytest

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services import initiative_create
from tests.conftest import unit_named

MakeInitiative = Callable[..., Initiative]


@pytest.fixture
def make_initiative(stavanger: Municipality) -> MakeInitiative:
    """``make_initiative("Spider", owning_unit="E-helse og velferdsteknologi", status=...)``
    registers an initiative in Stavanger (or ``municipality=bergen``) through initiative_create.
    ``owning_unit`` is a unit name; other keywords go to the service as they are."""

    def _make(
        name: str,
        *,
        municipality: Municipality | None = None,
        kind: str = InitiativeKind.PROJECT,
        owning_unit: str = "Innovasjon og digitalisering",
        actor: User | None = None,
        **fields: Any,
    ) -> Initiative:
        where = municipality or stavanger
        return initiative_create(
            actor=actor,
            municipality=where,
            name=name,
            kind=kind,
            owning_unit=unit_named(where, owning_unit),
            **fields,
        )

    return _make
