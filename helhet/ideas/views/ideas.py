"""Everyone's pages of the ideas: the list (sortable by status, score and unit), submitting an
idea (with the similar ideas and initiatives checked first), one's own ideas, an idea's page,
its attachment, its history, and answering a question about one's own idea."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from helhet.accounts.duties import refusal_to_screen_idea
from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.documents import uploads
from helhet.ideas.access import get_attachment_for_user, get_idea_for_user, get_question_to_answer
from helhet.ideas.forms import AnswerForm, IdeaForm
from helhet.ideas.models import IdeaStatus
from helhet.ideas.selectors import (
    DEFAULT_SORT,
    SORTS,
    ideas_listed,
    my_ideas,
    similar_to,
    similar_to_idea,
)
from helhet.ideas.services import ideas as services
from helhet.organization.models import OrgUnit

PAGE_SIZE = 50
TEXT_FIELDS = ("title", "problem", "who_has_it", "solution")


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 18 else None


@member_required(Capability.SUBMIT_IDEAS)
def idea_list(request: MemberRequest) -> HttpResponse:
    """The municipality's ideas, filtered by status and unit, sorted by a column."""
    status = request.GET.get("status", "")
    if status not in IdeaStatus.values:
        status = ""
    unit_id = _int_or_none(request.GET.get("unit"))
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort.removeprefix("-") not in SORTS:
        sort = DEFAULT_SORT
    rows = ideas_listed(request.membership, status=status, unit_id=unit_id, sort=sort)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    units = OrgUnit.objects.for_municipality(request.membership.municipality).order_by("name")
    return render(
        request,
        "ideas/idea_list.html",
        {
            "page": page,
            "status": status,
            "unit_id": unit_id,
            "sort": sort,
            "statuses": IdeaStatus.choices,
            "units": units,
            "columns": _columns(sort),
        },
    )


def _columns(sort: str) -> list[dict[str, str]]:
    """The sortable columns: each one's label, the sort its link asks for (the other way round
    when it is the one sorted on now) and its aria-sort."""
    labels = {
        "title": _("Idea"),
        "unit": _("Unit"),
        "submitted": _("Submitted"),
        "status": _("Status"),
        "score": _("Score"),
    }
    columns = []
    for key, label in labels.items():
        current = sort.removeprefix("-") == key
        descending = sort.startswith("-")
        columns.append(
            {
                "key": key,
                "label": str(label),
                "link": key if current and descending else f"-{key}",
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return columns


@member_required(Capability.SUBMIT_IDEAS)
def idea_mine(request: MemberRequest) -> HttpResponse:
    """The ideas the member submitted and what became of each: questions to answer first."""
    return render(request, "ideas/mine.html", {"ideas": my_ideas(request.membership)})


# The size limit must be in place before anything reads the request's body, CSRF's check
# included: so CSRF is checked inside, after the limit is set (as in documents.views).
@csrf_exempt
@member_required(Capability.SUBMIT_IDEAS)
@require_http_methods(["GET", "POST"])
def idea_submit(request: MemberRequest) -> HttpResponse:
    """Submit an idea. "Check for similar" shows the ideas and initiatives like it first,
    keeping what was written; "Submit" sends it in."""
    limit = uploads.limit_upload_size(request)
    return _idea_submit(request, limit)


@csrf_protect
def _idea_submit(request: MemberRequest, limit: uploads.SizeLimitHandler) -> HttpResponse:
    membership = request.membership
    similar = None
    if request.method == "POST" and request.POST.get("action") == "check":
        # Keep what was written, without judging it yet, and show what is like it.
        written = {name: request.POST.get(name, "") for name in (*TEXT_FIELDS, "unit", "service")}
        form = IdeaForm(initial=written, municipality=membership.municipality)
        similar = similar_to(
            municipality_id=membership.municipality_id,
            text=" ".join(written[name] for name in TEXT_FIELDS),
            unit_id=_int_or_none(written["unit"]),
            service_id=_int_or_none(written["service"]),
        )
    elif request.method == "POST":
        form = IdeaForm(request.POST, request.FILES, municipality=membership.municipality)
        valid = form.is_valid()
        if limit.exceeded:
            form.errors.pop("attachments", None)
            form.add_error("attachments", uploads.too_large_message())
        elif valid:
            try:
                idea = services.idea_submit(
                    actor=request.user, municipality=membership.municipality, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your idea “%(title)s” is submitted. The portfolio office "
                        "screens it; you follow it under My ideas."
                    )
                    % {"title": idea.title},
                )
                return redirect("ideas:detail", idea.pk)
    else:
        form = IdeaForm(initial={"unit": membership.unit_id}, municipality=membership.municipality)
    return render(
        request,
        "ideas/idea_submit.html",
        {"form": form, "similar": similar, "checked": similar is not None},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.SUBMIT_IDEAS)
def idea_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """An idea, what became of it, its questions and answers; for the portfolio office the
    similar ideas and initiatives, and the way to screen it."""
    idea = get_idea_for_user(request.membership, pk)
    may_screen = (
        refusal_to_screen_idea(
            request.user,
            municipality_id=request.membership.municipality_id,
            submitted_by_id=idea.submitted_by_id,
        )
        is None
    )
    is_submitter = idea.submitted_by_id == request.user.pk
    return render(
        request,
        "ideas/idea_detail.html",
        {
            "idea": idea,
            "attachments": list(idea.attachments.all()),
            "questions": list(idea.questions.select_related("asked_by")),
            "scores": list(idea.scores.select_related("criterion")),
            "may_screen": may_screen,
            "is_submitter": is_submitter,
            "similar": similar_to_idea(idea) if may_screen or is_submitter else None,
        },
    )


@member_required(Capability.VIEW_HISTORY)
def idea_history(request: MemberRequest, pk: int) -> HttpResponse:
    idea = get_idea_for_user(request.membership, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": idea,
            "entries": history_entries(idea),
            "back_url": reverse("ideas:detail", args=[idea.pk]),
        },
    )


@member_required(Capability.SUBMIT_IDEAS)
def attachment_download(request: MemberRequest, pk: int) -> HttpResponse:
    """An idea's attachment, as an attachment of the kind its content was found to be, never to
    be sniffed or shown inline."""
    attachment = get_attachment_for_user(request.membership, pk)
    kind = uploads.KINDS.get(attachment.file_type)
    if kind is None:
        raise Http404
    try:
        handle = uploads.open_stored(attachment.stored_name)
    except (OSError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=kind.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return cast(HttpResponse, response)


@member_required(Capability.SUBMIT_IDEAS)
@require_http_methods(["GET", "POST"])
def question_answer(request: MemberRequest, pk: int) -> HttpResponse:
    """The submitter answers a question the portfolio office asked about their idea."""
    question = get_question_to_answer(request.membership, pk)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.idea_question_answer(
                    actor=request.user, question=question, answer=form.cleaned_data["answer"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your answer is saved. Thank you!"))
                return redirect("ideas:detail", question.idea_id)
    else:
        form = AnswerForm(initial={"answer": question.answer})
    return render(
        request,
        "ideas/question_answer.html",
        {"form": form, "question": question, "idea": question.idea},
        status=400 if form.is_bound else 200,
    )
