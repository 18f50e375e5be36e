"""The lessons register's pages in the role and tenancy matrices (see tests/matrix.py), asked
about a lesson the project leader wrote: its author and the portfolio office change it. A
project-log entry is marked as a lesson by those who may change its initiative (the project's
own owner and leader, the administrator and the portfolio office)."""

from __future__ import annotations

from helhet.accounts.roles import Capability, Role
from helhet.adoption.models import Solution
from helhet.learning.models import Lesson
from helhet.learning.services.lessons import lesson_from_log_entry
from helhet.methodology.models import Decision
from helhet.organization.models import Municipality
from tests.adoption.helpers import dispensers, handed_over
from tests.learning.helpers import write
from tests.matrix import Target, View
from tests.projects.matrix_projects import EDITORS as INITIATIVE_EDITORS
from tests.projects.projectwork import deviation

TITLE = "Involver de ansatte tidlig"
EDITORS = frozenset({Role.PROJECT_LEADER.value, Role.PORTFOLIO_OFFICE.value})


def _lesson(stavanger: Municipality) -> Lesson:
    found = Lesson.objects.filter(municipality=stavanger, title=TITLE).first()
    return found or write(stavanger, title=TITLE)


def _lesson_pk(stavanger: Municipality) -> int:
    return _lesson(stavanger).pk


def _entry_pk(stavanger: Municipality) -> int:
    return deviation(stavanger).pk


def _marked_entry_pk(stavanger: Municipality) -> int:
    """The deviation, marked as a lesson (so that taking the mark off changes something)."""
    entry = deviation(stavanger)
    if not Lesson.objects.filter(log_entry=entry).exists():
        lesson_from_log_entry(actor=None, entry=entry, learned="Bestill tidlig.")
    return entry.pk


def _closing_pk(stavanger: Municipality) -> int:
    found = Decision.objects.filter(municipality=stavanger, completes_method=True).first()
    return (found or handed_over(stavanger)).pk


def _solution_pk(stavanger: Municipality) -> int:
    found = Solution.objects.filter(municipality=stavanger).first()
    return (found or dispensers(stavanger)[0]).pk


def _nothing(stavanger: Municipality) -> dict[str, str]:
    return {}


def _form(stavanger: Municipality) -> dict[str, str]:
    return {
        "title": "Bergen var her",
        "themes": "RPA",
        "learned": "Bergen var her",
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
    View("learning:closing_lesson", WRITE, _closing_pk, _form, "/laering/erfaringer/"),
    View("learning:solution_lesson", WRITE, _solution_pk, _form, "/laering/erfaringer/"),
    View(
        "learning:log_lesson",
        WRITE,
        _entry_pk,
        _form,
        "/prosjekter/",
        allowed_roles=INITIATIVE_EDITORS,
    ),
    View(
        "learning:log_lesson_remove",
        WRITE,
        _marked_entry_pk,
        _nothing,
        "/prosjekter/",
        allowed_roles=INITIATIVE_EDITORS,
    ),
]


def _target(stavanger: Municipality) -> Target:
    return Target(_lesson_pk(stavanger), TITLE, _form(stavanger))


def _edit_target(stavanger: Municipality) -> Target:
    return Target(_lesson_pk(stavanger), TITLE, _form(stavanger), viewer="portefolje")


def _entry_target(stavanger: Municipality) -> Target:
    entry = deviation(stavanger)
    return Target(entry.pk, entry.title, _form(stavanger))


def _closing_target(stavanger: Municipality) -> Target:
    decision = Decision.objects.get(pk=_closing_pk(stavanger))
    return Target(decision.pk, decision.request.initiative.name, _form(stavanger))


def _solution_target(stavanger: Municipality) -> Target:
    solution = Solution.objects.get(pk=_solution_pk(stavanger))
    return Target(solution.pk, solution.name, _form(stavanger))


TENANCY_HTML = {
    "learning:closing_lesson": _closing_target,
    "learning:solution_lesson": _solution_target,
    "learning:log_lesson": _entry_target,
    "learning:log_lesson_remove": _entry_target,
    "learning:lesson": _target,
    "learning:lesson_history": _target,
    "learning:lesson_edit": _edit_target,
}


def _api_lesson(stavanger: Municipality) -> Target:
    post = {"title": "Bergen var her", "learned": "Bergen var her"}
    return Target(_lesson_pk(stavanger), TITLE, post, kwarg="lesson_id", viewer="portefolje")


TENANCY_API = {
    "api-v1:lesson_read": _api_lesson,
    "api-v1:lesson_update": _api_lesson,
}
