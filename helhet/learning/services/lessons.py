"""Every change to the lessons register: a lesson written straight into it, at the closing gate
or on a solution in use; a project-log entry marked as a lesson (and the mark taken off); a
lesson changed by its author or the portfolio office. Atomic, checked, recorded in history;
nothing is written when anything is refused. Each keeps the lesson's search words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.duties import may
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.core.history import delete_with_history, save_with_history
from helhet.learning.models import Lesson, LessonSource
from helhet.learning.rules import may_edit_lesson
from helhet.learning.search import refresh_search, search_text_of
from helhet.methodology.models import Decision, ProjectMethod
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, Tag
from helhet.portfolio.services.initiative_parts import tags_by_name
from helhet.projects.models import LogEntry
from helhet.projects.services.checks import check_may_edit

if TYPE_CHECKING:
    from helhet.adoption.models import Solution

# What the lesson's fields are about, set by the form; the rest come from where it was written.
_SET_ELSEWHERE = ["search_text", "search_vector"]


def phase_of(initiative: Initiative | None) -> str:
    """The name of the phase the initiative stands in now ("" without a method)."""
    if initiative is None:
        return ""
    run = (
        ProjectMethod.objects.filter(initiative=initiative)
        .select_related("current_phase")
        .only("current_phase__name")
        .first()
    )
    return run.current_phase.name if run is not None else ""


def _check_place(municipality_id: int, initiative: Initiative | None, unit: OrgUnit | None) -> None:
    errors = {}
    if initiative is not None and initiative.municipality_id != municipality_id:
        errors["initiative"] = _("Choose an initiative in your municipality.")
    if unit is not None and unit.municipality_id != municipality_id:
        errors["unit"] = _("Choose a unit in your municipality.")
    if errors:
        raise ValidationError(errors)


def _check_texts(title: str, learned: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the lesson a short title.")
    if not learned.strip():
        errors["learned"] = _("Write what you learned.")
    if errors:
        raise ValidationError(errors)


def _keep_words(lesson: Lesson, themes: Sequence[Tag]) -> None:
    """Set the lesson's search words from its fields and ``themes`` (before it is saved)."""
    lesson.search_text = search_text_of(
        title=lesson.title,
        what_happened=lesson.what_happened,
        learned=lesson.learned,
        advice=lesson.advice,
        themes=[theme.name for theme in themes],
        initiative_name=lesson.initiative.name if lesson.initiative else "",
        unit_name=lesson.unit.name if lesson.unit else "",
        phase_name=lesson.phase_name,
    )


def _save(lesson: Lesson, actor: User | None, themes: Sequence[Tag] | None) -> Lesson:
    if themes is None:
        themes = list(lesson.themes.all()) if lesson.pk else []
    _keep_words(lesson, themes)
    lesson.full_clean(exclude=_SET_ELSEWHERE)
    save_with_history(lesson, actor=actor)
    lesson.themes.set(themes)
    refresh_search([lesson.pk])
    return lesson


@transaction.atomic
def lesson_write(
    *,
    actor: User | None,
    municipality: Municipality,
    title: str,
    learned: str,
    what_happened: str = "",
    advice: str = "",
    initiative: Initiative | None = None,
    unit: OrgUnit | None = None,
    phase_name: str = "",
    themes: Sequence[str] = (),
    source: str = LessonSource.WRITTEN,
    decision: Decision | None = None,
    solution: Solution | None = None,
) -> Lesson:
    """Write a lesson into the register, by anyone whose role writes lessons (PermissionDenied
    otherwise; ``actor=None`` is the system). A title and what was learned are required. At the
    closing gate (``decision``) the initiative is the decision's. The unit is the initiative's
    owning unit (else the solution's operations unit) and the phase the one the initiative stands
    in, unless given; the themes are the municipality's tags by name (new ones are made)."""
    if actor is not None and not may(actor, municipality.pk, Capability.WRITE_LESSONS):
        raise PermissionDenied(_("Your role reads the lessons but does not write them."))
    if initiative is None and decision is not None:
        initiative = decision.request.initiative
    _check_place(municipality.pk, initiative, unit)
    if unit is None:
        unit = initiative.owning_unit if initiative else None
    if unit is None and solution is not None:
        unit = solution.owner_unit
    _check_texts(title, learned)
    lesson = Lesson(
        municipality=municipality,
        source=source,
        title=title.strip(),
        what_happened=what_happened.strip(),
        learned=learned.strip(),
        advice=advice.strip(),
        initiative=initiative,
        unit=unit,
        phase_name=phase_name.strip() or phase_of(initiative),
        decision=decision,
        solution=solution,
        author=actor,
    )
    return _save(lesson, actor, tags_by_name(municipality, themes))


def _locked(lesson: Lesson, expected_version: int | None) -> Lesson:
    locked = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _(
                "Someone else changed the lesson while you were writing. Open it again and make "
                "your changes there."
            )
        )
    return locked


@transaction.atomic
def lesson_update(
    *,
    actor: User,
    lesson: Lesson,
    title: str,
    learned: str,
    what_happened: str = "",
    advice: str = "",
    initiative: Initiative | None = None,
    unit: OrgUnit | None = None,
    phase_name: str = "",
    themes: Sequence[str] = (),
    expected_version: int | None = None,
) -> Lesson:
    """Change a lesson: its author or the portfolio office (PermissionDenied otherwise). The
    same requirements as ``lesson_write``; refused when someone else saved it since
    ``expected_version``. Where it came from and who wrote it stay."""
    if not may_edit_lesson(actor, lesson):
        raise PermissionDenied(
            _("Only the one who wrote the lesson, or the portfolio office, may change it.")
        )
    locked = _locked(lesson, expected_version)
    _check_place(locked.municipality_id, initiative, unit)
    _check_texts(title, learned)
    locked.title = title.strip()
    locked.what_happened = what_happened.strip()
    locked.learned = learned.strip()
    locked.advice = advice.strip()
    locked.initiative = initiative
    locked.unit = unit or (initiative.owning_unit if initiative else None)
    locked.phase_name = phase_name.strip()
    locked.version += 1
    return _save(locked, actor, tags_by_name(locked.municipality, themes))


@transaction.atomic
def lesson_from_log_entry(*, actor: User | None, entry: LogEntry, learned: str) -> Lesson:
    """Mark a project-log entry as a lesson for the register, with what was learned (required):
    by those who may change the initiative (PermissionDenied otherwise). The lesson takes the
    entry's title and description, the initiative, its owning unit and the phase it stands in.
    Marking a marked entry again changes what was learned; who marked it first and when stay."""
    entry = LogEntry.objects.select_for_update().select_related("initiative").get(pk=entry.pk)
    check_may_edit(actor, entry.initiative)
    if not learned.strip():
        raise ValidationError({"learned": _("Write what the lesson is.")})
    existing = Lesson.objects.filter(log_entry=entry).first()
    if existing is not None:
        locked = _locked(existing, None)
        locked.learned = learned.strip()
        locked.version += 1
        return _save(locked, actor, None)
    initiative = entry.initiative
    lesson = Lesson(
        municipality_id=entry.municipality_id,
        source=LessonSource.LOG,
        title=entry.title,
        what_happened=entry.description,
        learned=learned.strip(),
        initiative=initiative,
        unit=initiative.owning_unit,
        phase_name=phase_of(initiative),
        log_entry=entry,
        author=actor,
    )
    return _save(lesson, actor, list(initiative.tags.all()))


@transaction.atomic
def lesson_unmark_log_entry(*, actor: User | None, entry: LogEntry) -> None:
    """Take the lesson mark off a project-log entry: its lesson leaves the register (those who
    may change the initiative; PermissionDenied otherwise). The lesson stays in the history."""
    entry = LogEntry.objects.select_related("initiative").get(pk=entry.pk)
    check_may_edit(actor, entry.initiative)
    lesson = Lesson.objects.select_for_update().filter(log_entry=entry).first()
    if lesson is not None:
        delete_with_history(lesson, actor=actor)
