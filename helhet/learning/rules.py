"""Who may change a lesson in the register: the one who wrote it, or the portfolio office (who
keep the register tidy). Asked by the services, the access helpers and the pages alike."""

from __future__ import annotations

from helhet.accounts.duties import may, role_of
from helhet.accounts.models import User
from helhet.accounts.roles import Capability, Role
from helhet.learning.models import Lesson


def may_edit_lesson(user: User | None, lesson: Lesson) -> bool:
    """The lesson's author (while their role writes lessons), or the portfolio office."""
    if user is None or user.pk is None:
        return False
    municipality_id = lesson.municipality_id
    if role_of(user, municipality_id) == Role.PORTFOLIO_OFFICE:
        return True
    return lesson.author_id == user.pk and may(user, municipality_id, Capability.WRITE_LESSONS)
