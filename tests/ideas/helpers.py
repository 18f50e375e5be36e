"""Ideas for the tests, made through the services as a person would."""

from __future__ import annotations

from typing import Any

from helhet.accounts.models import User
from helhet.ideas.models import Idea
from helhet.ideas.services.ideas import idea_submit
from helhet.organization.models import Municipality
from tests.conftest import unit_named


def person(username: str) -> User:
    return User.objects.get(username=username)


def submit(
    municipality: Municipality,
    *,
    by: str = "leser",
    title: str = "Digital innsjekk på legevakten",
    problem: str = "Pasientene står lenge i kø ved skranken på legevakten for å registrere seg.",
    unit: str = "Stavanger legevakt",
    **fields: Any,
) -> Idea:
    """An idea submitted by ``by`` (the reader, unless said otherwise) about ``unit``."""
    return idea_submit(
        actor=person(by),
        municipality=municipality,
        title=title,
        problem=problem,
        unit=unit_named(municipality, unit),
        **fields,
    )
