"""The lessons register shown on pages of the modules below: a project-log entry's lesson and
the way to mark one (the project log), the lessons written at a closing gate (a decision's page),
and a solution's lessons (the solution's page)."""

from __future__ import annotations

from typing import Any

from django import template

from helhet.accounts.roles import Capability
from helhet.adoption.models import Solution
from helhet.learning.models import Lesson
from helhet.methodology.models import Decision
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


@register.inclusion_tag("learning/_closing_lessons.html", takes_context=True)
def closing_lessons(context: dict[str, Any], decision: Decision) -> dict[str, Any]:
    """On the decision that completed a method (the closing gate): the lessons written there and
    the way to write one ("Skriv erfaringer fra avslutningen")."""
    member_can = context.get("member_can", {})
    return {
        "decision": decision,
        "lessons": list(Lesson.objects.filter(decision=decision).only("pk", "title")),
        "may_write": bool(member_can.get(Capability.WRITE_LESSONS.value)),
    }


@register.inclusion_tag("learning/_solution_lessons.html", takes_context=True)
def solution_lessons(context: dict[str, Any], solution: Solution) -> dict[str, Any]:
    """On a solution's page: the lessons learned from it, newest first, and the way to write
    one."""
    member_can = context.get("member_can", {})
    return {
        "solution": solution,
        "lessons": list(
            Lesson.objects.filter(solution=solution)
            .select_related("author")
            .defer("search_text", "search_vector")
        ),
        "may_write": bool(member_can.get(Capability.WRITE_LESSONS.value)),
    }
