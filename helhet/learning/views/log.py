"""A project-log entry marked as a lesson for the register (or its lesson changed), and the mark
taken off: by those who may change the initiative, reached from the project log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.learning.forms import LogLessonForm
from helhet.learning.models import Lesson
from helhet.learning.services import lessons as services
from helhet.projects.access import get_rw_log_entry_for_user


@member_required(Capability.WRITE_LESSONS)
@require_http_methods(["GET", "POST"])
def log_lesson(request: MemberRequest, pk: int) -> HttpResponse:
    """Mark a log entry as a lesson for the municipality's lessons register, or change what was
    learned."""
    entry = get_rw_log_entry_for_user(request.membership, pk)
    lesson = Lesson.objects.filter(log_entry=entry).first()
    form = LogLessonForm(
        request.POST if request.method == "POST" else None,
        initial={"learned": lesson.learned if lesson else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_from_log_entry(
                actor=request.user, entry=entry, learned=form.cleaned_data["learned"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry is marked as a lesson."))
            return redirect("projects:log_list", entry.initiative_id)
    return render(
        request,
        "learning/log_lesson_form.html",
        {"form": form, "initiative": entry.initiative, "entry": entry, "lesson": lesson},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.WRITE_LESSONS)
@require_http_methods(["GET", "POST"])
def log_lesson_remove(request: MemberRequest, pk: int) -> HttpResponse:
    """Take the lesson mark off a log entry: the lesson leaves the register (kept in its
    history)."""
    entry = get_rw_log_entry_for_user(request.membership, pk)
    if request.method == "POST":
        services.lesson_unmark_log_entry(actor=request.user, entry=entry)
        messages.success(request, _("The entry is no longer marked as a lesson."))
        return redirect("projects:log_list", entry.initiative_id)
    return render(
        request, "learning/log_lesson_remove.html", {"initiative": entry.initiative, "entry": entry}
    )
