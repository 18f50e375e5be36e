"""The lessons register in the JSON API: the list across departments (searched in its words,
filtered by theme, phase, department with the units below it, method and source; paginated), one
lesson, writing one (every role but the reader) and changing one (its author or the portfolio
office). Writes go through the lesson services; another municipality's lesson is 404."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.api.errors import BODY_ERRORS, ERRORS, InvalidRequest, invalid, service_errors
from helhet.api.lookups import look_up_all, object_by_id
from helhet.api.members import request_membership, require
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import Id, NamedRef, PersonRef, UnitRef, WholeNumber, text
from helhet.learning.access import get_lesson_for_user, get_rw_lesson_for_user
from helhet.learning.models import Lesson, LessonSource
from helhet.learning.search import MAX_QUERY
from helhet.learning.selectors import LessonFilter, lessons_found
from helhet.learning.services import lessons as services
from helhet.organization.models import OrgUnit
from helhet.portfolio.models import Initiative

router = Router(tags=["lessons"])

Source = Literal[tuple(LessonSource.values)]  # type: ignore[valid-type]
Theme = Annotated[str, Field(min_length=1, max_length=60)]


class LessonOut(Schema):
    id: int
    source: str = Field(description="log, closing, solution or written")
    source_label: str
    title: str
    what_happened: str
    learned: str = Field(description="What we learned")
    advice: str = Field(description="What others should do")
    phase_name: str
    themes: list[str]
    initiative: NamedRef | None
    unit: UnitRef | None
    log_entry_id: int | None = Field(description="The project-log entry it was marked on")
    decision_id: int | None = Field(description="The closing decision it was written at")
    solution_id: int | None = Field(description="The solution in use it was learned from")
    author: PersonRef | None
    written_at: datetime
    version: int

    @staticmethod
    def resolve_source_label(lesson: Lesson) -> str:
        return lesson.get_source_display()

    @staticmethod
    def resolve_themes(lesson: Lesson) -> list[str]:
        return [theme.name for theme in lesson.themes.all()]


class LessonPage(Page):
    results: list[LessonOut]


class LessonFilters(Schema):
    q: str = Field("", max_length=MAX_QUERY, description="Words to search for")
    theme_id: Id | None = None
    phase: str = Field("", max_length=100, description="The phase's name")
    unit_id: Id | None = Field(None, description="A department: it and every unit below it")
    method_id: Id | None = None
    source: Source | None = None  # type: ignore[valid-type]


class LessonIn(Schema):
    title: str = text(Lesson, "title", ...)
    learned: str = text(Lesson, "learned", ..., description="What we learned")
    what_happened: str = text(Lesson, "what_happened")
    advice: str = text(Lesson, "advice", description="What others should do")
    initiative_id: Id | None = None
    unit_id: Id | None = Field(None, description="Left out: the initiative's owning unit")
    phase_name: str = text(Lesson, "phase_name", description="Left out: the initiative's phase")
    themes: list[Theme] = Field([], max_length=20, description="Tags by name (new ones are made)")


class LessonUpdateIn(LessonIn):
    version: WholeNumber | None = Field(
        None, description="The version read; refused (422) when someone saved since"
    )


def _details(rows: Any) -> Any:
    return rows.select_related("initiative", "unit", "author").prefetch_related("themes")


def _places(membership: Membership, payload: LessonIn) -> dict[str, Any]:
    municipality = membership.municipality
    return look_up_all(
        {
            "initiative": lambda: (
                None
                if payload.initiative_id is None
                else object_by_id(
                    Initiative.objects.filter(municipality=municipality),
                    payload.initiative_id,
                    "initiative_id",
                    _("Choose an initiative in your municipality."),
                )
            ),
            "unit": lambda: (
                None
                if payload.unit_id is None
                else object_by_id(
                    OrgUnit.objects.for_municipality(municipality),
                    payload.unit_id,
                    "unit_id",
                    _("Choose a unit in your municipality."),
                )
            ),
        }
    )


def _fields(payload: LessonIn) -> dict[str, Any]:
    return {
        "title": payload.title,
        "learned": payload.learned,
        "what_happened": payload.what_happened,
        "advice": payload.advice,
        "phase_name": payload.phase_name,
        "themes": payload.themes,
    }


@router.get(
    "/lessons",
    response={200: LessonPage, **ERRORS},
    summary="The lessons register: searched and filtered, best match (or newest) first",
    description=(
        "Full-text search in Norwegian on PostgreSQL (ranked); word search otherwise. Of more "
        "than 1,000 matches, the newest 1,000 are ranked (and counted)."
    ),
    operation_id="helhet_api_projects_lesson_list",
)
def lesson_list(
    request: HttpRequest, filters: Query[LessonFilters], paging: Query[PageParams]
) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_LESSONS)
    found = lessons_found(
        membership.municipality,
        LessonFilter(
            query=filters.q,
            theme_id=filters.theme_id,
            phase=filters.phase,
            unit_id=filters.unit_id,
            method_id=filters.method_id,
            source=filters.source or "",
        ),
    )
    return paginate(request, found, paging)


@router.get(
    "/lessons/{lesson_id}",
    response={200: LessonOut, **ERRORS},
    summary="One lesson",
    operation_id="helhet_api_lessons_lesson_read",
)
def lesson_read(request: HttpRequest, lesson_id: Id) -> Any:
    return get_lesson_for_user(request_membership(request), lesson_id)


@router.post(
    "/lessons",
    response={201: LessonOut, **BODY_ERRORS},
    summary="Write a lesson into the register (every role but the reader)",
    operation_id="helhet_api_lessons_lesson_create",
)
def lesson_create(request: HttpRequest, payload: LessonIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.WRITE_LESSONS)
    try:
        lesson = services.lesson_write(
            actor=membership.user,
            municipality=membership.municipality,
            **_places(membership, payload),
            **_fields(payload),
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, lesson)


@router.put(
    "/lessons/{lesson_id}",
    response={200: LessonOut, **BODY_ERRORS},
    summary="Change a lesson (its author or the portfolio office)",
    operation_id="helhet_api_lessons_lesson_update",
)
def lesson_update(request: HttpRequest, lesson_id: Id, payload: LessonUpdateIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.WRITE_LESSONS)
    lesson = get_rw_lesson_for_user(membership, lesson_id)
    try:
        changed = services.lesson_update(
            actor=membership.user,
            lesson=lesson,
            expected_version=payload.version,
            **_places(membership, payload),
            **_fields(payload),
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return changed
