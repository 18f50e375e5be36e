"""Reads of the lessons register: the lessons that pass the filters and the search, and what the
filters offer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from helhet.learning.models import Lesson
from helhet.learning.search import more_than_ranked, search
from helhet.methodology.models import Method, Phase
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.filters import unit_and_descendants
from helhet.portfolio.models import Tag


@dataclass(frozen=True)
class LessonFilter:
    query: str = ""
    theme_id: int | None = None
    phase: str = ""
    unit_id: int | None = None  # the department: this unit and every unit below it
    method_id: int | None = None
    source: str = ""

    @property
    def active(self) -> bool:
        return bool(
            self.query
            or self.theme_id
            or self.phase
            or self.unit_id
            or self.method_id
            or self.source
        )


def _filtered(municipality: Municipality, filters: LessonFilter) -> QuerySet[Lesson]:
    lessons = Lesson.objects.filter(municipality=municipality)
    if filters.theme_id:
        lessons = lessons.filter(themes__id=filters.theme_id)
    if filters.phase:
        lessons = lessons.filter(phase_name=filters.phase)
    if filters.unit_id:
        unit = OrgUnit.objects.filter(municipality=municipality, pk=filters.unit_id).first()
        lessons = lessons.filter(unit_id__in=unit_and_descendants(unit)) if unit else lessons.none()
    if filters.method_id:
        lessons = lessons.filter(initiative__method_run__version__method_id=filters.method_id)
    if filters.source:
        lessons = lessons.filter(source=filters.source)
    return lessons


def lessons_found(municipality: Municipality, filters: LessonFilter) -> QuerySet[Lesson]:
    """The municipality's lessons that pass every filter, the best match first when searched
    (of more matches than a search ranks, the newest it ranks; see ``search.MAX_RANKED``),
    newest first otherwise, with what a list shows of each fetched alongside (no rows are
    loaded here; a page of them costs the same few queries however many there are)."""
    lessons = (
        _filtered(municipality, filters)
        .select_related("initiative", "unit", "author")
        .prefetch_related("themes")
    )
    return search(lessons, filters.query).defer("search_text", "search_vector")


def more_found_than_ranked(municipality: Municipality, filters: LessonFilter) -> bool:
    """Whether the search matches more lessons than it ranks (the list then says so)."""
    return more_than_ranked(_filtered(municipality, filters), filters.query)


def lesson_themes(municipality: Municipality) -> QuerySet[Tag]:
    """The tags some lesson of the municipality is about, by name."""
    used = Lesson.themes.through.objects.filter(tag_id=OuterRef("pk"))
    return Tag.objects.filter(Exists(used), municipality=municipality).order_by("name")


def phase_names(municipality: Municipality) -> list[str]:
    """The names of the phases of the municipality's methods, in the order the methods have
    them, each once (a lesson's phase is the phase of its initiative's method when written; the
    lessons themselves are not read for it: a distinct over every lesson costs a scan of the
    register on every page)."""
    names = Phase.objects.filter(municipality=municipality).order_by(
        "version__method__name", "position"
    )
    return list(dict.fromkeys(names.values_list("name", flat=True)))


def methods(municipality: Municipality) -> QuerySet[Method]:
    return Method.objects.filter(municipality=municipality).order_by("name")
