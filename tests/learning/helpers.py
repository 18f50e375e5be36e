"""Lessons for the tests, written through the services as a person would."""

from __future__ import annotations

from typing import Any

from helhet.accounts.models import User
from helhet.learning.models import Lesson
from helhet.learning.services.lessons import lesson_write
from helhet.organization.models import Municipality


def person(username: str) -> User:
    return User.objects.get(username=username)


def write(
    municipality: Municipality,
    *,
    by: str = "prosjektleder",
    title: str = "Involver de ansatte tidlig",
    learned: str = "Frykten for å bli overflødig bremset bruken av robotene.",
    **fields: Any,
) -> Lesson:
    """A lesson written straight into the register by ``by`` (the project leader unless said)."""
    return lesson_write(
        actor=person(by), municipality=municipality, title=title, learned=learned, **fields
    )
