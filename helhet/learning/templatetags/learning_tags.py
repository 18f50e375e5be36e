"""The lessons register shown on pages of the modules below: a project-log entry's lesson and
the way to mark one (the project log), the lessons written at a closing gate (a decision's page),
and a solution's lessons (the solution's page)."""

from __future__ import annotations

from typing import Any

from django import template

from helhet.projects.models import LogEntry

register = template.Library()


def lesson_of(entry: LogEntry) -> Any:
    """The entry's lesson in the register, or None (fetched with the log by project_log)."""
    return getattr(entry, "register_lesson", None)


@register.inclusion_tag("learning/_log_entry_lesson.html")
def log_entry_lesson(entry: LogEntry) -> dict[str, Any]:
    """The lesson an entry of the project log is marked with: what was learned, who marked it
    and when, and the way to it in the register."""
    return {"entry": entry, "lesson": lesson_of(entry)}


@register.inclusion_tag("learning/_log_entry_lesson_actions.html")
def log_entry_lesson_actions(entry: LogEntry, can_edit: bool) -> dict[str, Any]:
    """For those who may change the initiative: mark the entry as a lesson, or change the
    lesson and take the mark off."""
    return {"entry": entry, "lesson": lesson_of(entry), "can_edit": can_edit}
