"""Help across departments: the requests and how long they wait per department, asking for help,
a request's page, and the asked department's answer and closing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.duties import refusal_to_answer_help_request
from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.learning.access import get_help_request_for_user, get_help_request_to_answer
from helhet.learning.forms_help import HelpAnswerForm, HelpCloseForm, HelpRequestForm
from helhet.learning.helping import (
    days_waiting,
    help_load_per_department,
    help_requests_listed,
    in_asked_department,
)
from helhet.learning.models import HelpRequest, HelpStatus
from helhet.learning.services import help as services
from helhet.organization.models import OrgUnit

PAGE_SIZE = 25


def _id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 18 else None


@member_required(Capability.VIEW_LESSONS)
def help_list(request: MemberRequest) -> HttpResponse:
    """The requests for help across departments, per asked department: how many wait and for
    how long; below, the requests themselves (filtered by department and status)."""
    municipality = request.membership.municipality
    today = timezone.localdate()
    to_unit_id = _id(request.GET.get("to_unit"))
    status = request.GET.get("status", "open")
    status = status if status in {"open", *HelpStatus.values} else ""
    page = Paginator(
        help_requests_listed(municipality.pk, to_unit_id=to_unit_id, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    for row in page:
        row.days = days_waiting(row, today)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "learning/help_list.html",
        {
            "page": page,
            "loads": help_load_per_department(municipality.pk, today),
            "units": OrgUnit.objects.for_municipality(municipality).order_by("name"),
            "to_unit_id": to_unit_id,
            "status": status,
            "statuses": [("open", _("Open")), *HelpStatus.choices],
            "query_string": query.urlencode(),
        },
    )


@member_required(Capability.ASK_FOR_HELP)
@require_http_methods(["GET", "POST"])
def help_ask(request: MemberRequest) -> HttpResponse:
    """Ask a department for help; the unit and initiative may come in the address (from the
    similar work on an initiative's page)."""
    municipality = request.membership.municipality
    initial = {
        "from_unit": request.membership.unit_id,
        "to_unit": _id(request.GET.get("to_unit")),
        "initiative": _id(request.GET.get("initiative")),
        "kind": request.GET.get("kind", ""),
    }
    form = HelpRequestForm(
        request.POST if request.method == "POST" else None,
        municipality=municipality,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.help_request_ask(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The request is sent to %(unit)s.") % {"unit": asked.to_unit.name},
            )
            return redirect("learning:help_request", asked.pk)
    return render(
        request,
        "learning/help_ask.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.VIEW_LESSONS)
def help_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """A request for help: who asks whom for what, the answer and the outcome; for the asked
    department's people, the way to answer or close it."""
    asked = get_help_request_for_user(request.membership, pk)
    refusal = refusal_to_answer_help_request(
        request.user,
        municipality_id=asked.municipality_id,
        asked_by_id=asked.asked_by_id,
        in_asked_department=in_asked_department(request.user, asked),
    )
    may_answer = refusal is None
    return render(
        request,
        "learning/help_detail.html",
        {
            "asked": asked,
            "days": days_waiting(asked, timezone.localdate()),
            "refusal": refusal,
            "answer_form": HelpAnswerForm(initial={"version": asked.version})
            if may_answer and asked.status == HelpStatus.ASKED
            else None,
            "close_form": HelpCloseForm(initial={"version": asked.version})
            if may_answer and asked.status == HelpStatus.ACCEPTED
            else None,
        },
    )


def _answer_page(
    request: MemberRequest, asked: HelpRequest, status: int, **forms: object
) -> HttpResponse:
    return render(
        request,
        "learning/help_detail.html",
        {"asked": asked, "days": days_waiting(asked, timezone.localdate()), **forms},
        status=status,
    )


@member_required(Capability.ANSWER_HELP_REQUESTS)
@require_http_methods(["GET", "POST"])
def help_answer(request: MemberRequest, pk: int) -> HttpResponse:
    """The asked department accepts the request with a plan, or declines it with a reason."""
    asked = get_help_request_to_answer(request.membership, pk)
    if request.method == "GET":
        form = HelpAnswerForm(initial={"version": asked.version})
        return _answer_page(request, asked, 200, answer_form=form)
    form = HelpAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.help_request_answer(
                actor=request.user,
                request=asked,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
                planned_for=form.cleaned_data["planned_for"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answer is sent."))
            return redirect("learning:help_request", asked.pk)
    return _answer_page(request, asked, 400, answer_form=form)


@member_required(Capability.ANSWER_HELP_REQUESTS)
@require_http_methods(["GET", "POST"])
def help_close(request: MemberRequest, pk: int) -> HttpResponse:
    """The asked department closes an accepted request with what came of it."""
    asked = get_help_request_to_answer(request.membership, pk)
    if request.method == "GET":
        form = HelpCloseForm(initial={"version": asked.version})
        return _answer_page(request, asked, 200, close_form=form)
    form = HelpCloseForm(request.POST)
    if form.is_valid():
        try:
            services.help_request_close(
                actor=request.user,
                request=asked,
                outcome=form.cleaned_data["outcome"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request is closed."))
            return redirect("learning:help_request", asked.pk)
    return _answer_page(request, asked, 400, close_form=form)


@member_required(Capability.VIEW_HISTORY)
def help_history(request: MemberRequest, pk: int) -> HttpResponse:
    asked = get_help_request_for_user(request.membership, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": asked,
            "entries": history_entries(asked),
            "back_url": reverse("learning:help_request", args=[asked.pk]),
        },
    )
