"""Reads of a project's log and of the municipality's lessons."""

from __future__ import annotations

from django.db.models import QuerySet

from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.models import LogEntry


def project_log(
    initiative: Initiative, *, kind: str = "", lessons_only: bool = False
) -> QuerySet[LogEntry]:
    """The initiative's log, newest first, of one kind or all, or only the lessons."""
    entries = LogEntry.objects.filter(initiative=initiative).select_related(
        "author", "lesson_marked_by"
    )
    if kind:
        entries = entries.filter(kind=kind)
    if lessons_only:
        entries = entries.filter(is_lesson=True)
    return entries.order_by("-occurred_on", "-created_at", "-pk")


def municipality_lessons(municipality: Municipality) -> QuerySet[LogEntry]:
    """Every log entry marked as a lesson in the municipality, the newest marked first, with
    the initiative it comes from."""
    return (
        LogEntry.objects.filter(municipality=municipality, is_lesson=True)
        .select_related("initiative", "author", "lesson_marked_by")
        .order_by("-lesson_marked_at", "-pk")
    )
