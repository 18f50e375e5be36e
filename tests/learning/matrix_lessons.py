"""The lessons register's pages in the role and tenancy matrices (see tests/matrix.py), asked
about a lesson the project leader wrote: its author and the portfolio office change it."""

from __future__ import annotations

from helhet.accounts.roles import Capability, Role
from helhet.learning.models import Lesson
from helhet.organization.models import Municipality
from tests.learning.helpers import write
from tests.matrix import Target, View

TITLE = "Involver de ansatte tidlig"
EDITORS = frozenset({Role.PROJECT_LEADER.value, Role.PORTFOLIO_OFFICE.value})


def _lesson(stavanger: Municipality) -> Lesson:
    found = Lesson.objects.filter(municipality=stavanger, title=TITLE).first()
    return found or write(stavanger, title=TITLE)


def _lesson_pk(stavanger: Municipality) -> int:
    return _lesson(stavanger).pk


def _form(stavanger: Municipality) -> dict[str, str]:
    return {
        "title": "Bergen var her",
        "learned": "Noe annet.",
        "themes": "RPA",
    }


WRITE = (Capability.WRITE_LESSONS,)
ROLE_VIEWS = [
    View("learning:lessons", (Capability.VIEW_LESSONS,)),
    View("learning:lesson", (Capability.VIEW_LESSONS,), _lesson_pk),
    View("learning:lesson_history", (Capability.VIEW_HISTORY,), _lesson_pk),
    View("learning:lesson_write", WRITE, None, _form, "/laering/erfaringer/"),
    View(
        "learning:lesson_edit",
        WRITE,
        _lesson_pk,
        _form,
        "/laering/erfaringer/",
        allowed_roles=EDITORS,
    ),
]


def _target(stavanger: Municipality) -> Target:
    return Target(_lesson_pk(stavanger), TITLE, _form(stavanger))


def _edit_target(stavanger: Municipality) -> Target:
    return Target(_lesson_pk(stavanger), TITLE, _form(stavanger), viewer="portefolje")


TENANCY_HTML = {
    "learning:lesson": _target,
    "learning:lesson_history": _target,
    "learning:lesson_edit": _edit_target,
}
