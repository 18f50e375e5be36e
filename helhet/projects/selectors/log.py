"""Reads of a project's log."""

from __future__ import annotations

from django.db.models import QuerySet

from helhet.portfolio.models import Initiative
from helhet.projects.models import LogEntry


def project_log(
    initiative: Initiative, *, kind: str = "", lessons_only: bool = False
) -> QuerySet[LogEntry]:
    """The initiative's log, newest first, of one kind or all, or only the entries marked as
    lessons; each with its lesson in the register (``register_lesson``, None when not marked)."""
    entries = LogEntry.objects.filter(initiative=initiative).select_related(
        "author", "register_lesson", "register_lesson__author"
    )
    if kind:
        entries = entries.filter(kind=kind)
    if lessons_only:
        entries = entries.filter(register_lesson__isnull=False)
    return entries.order_by("-occurred_on", "-created_at", "-pk")
