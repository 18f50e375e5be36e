"""A project on its method: where it stands, choosing the method, asking for and making the
decisions at the gates, and the decisions waiting for a person."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.models import Membership
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.dates import months_begun
from helhet.core.forms import add_service_errors
from helhet.methodology.models import MethodVersion, ProjectMethod
from helhet.methodology.selectors import current_versions
from helhet.portfolio.access import (
    can_edit_initiative,
    get_initiative_for_user,
    get_rw_initiative_for_user,
)
from helhet.projects.access import get_initiative_to_decide
from helhet.projects.forms.gates import ChooseMethodForm, DecisionForm, DecisionRequestForm
from helhet.projects.rules import may_decide
from helhet.projects.selectors.enrolment import (
    Suggestion,
    method_suggestions,
    suggested_version,
)
from helhet.projects.selectors.gates import ProjectStatus, decisions_waiting_for, project_status
from helhet.projects.services import enrolment, gates


def _decision_form(
    membership: Membership,
    status: ProjectStatus,
    data: QueryDict | None = None,
) -> DecisionForm:
    run = status.run
    assert run is not None
    others = (
        [step.phase for step in status.phases if not step.is_current]
        if not run.version.method.is_linear
        else None
    )
    return DecisionForm(
        data,
        municipality=membership.municipality,
        phases=others,
        operation_gate=run.current_phase.is_operation_gate,
    )


@member_required(Capability.VIEW_PORTFOLIO)
def project_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """Where the project stands in its method, what the next decision point needs, and the
    decision log; the project owner decides a waiting request here."""
    membership = request.membership
    initiative = get_initiative_for_user(membership, pk)
    status = project_status(initiative)
    form = (
        _decision_form(membership, status)
        if status.pending is not None
        and status.run is not None
        and may_decide(membership.user, status.pending)
        else None
    )
    return render(
        request,
        "projects/project_detail.html",
        {
            "initiative": initiative,
            "status": status,
            "can_edit": can_edit_initiative(membership, initiative),
            "decision_form": form,
        },
    )


def _choice_initial(
    run: ProjectMethod | None,
    versions: list[MethodVersion],
    suggestions: list[Suggestion],
    suggested: Suggestion | None,
    asked_for: str | None,
) -> dict[str, int | str | None]:
    """The form as the project stands: its method, level, risk and answers if it runs on a
    current version, else the suggested method at the level suggested in it. ``asked_for`` (the
    version the page is asked for, ?version=) changes the method, at the level suggested in it."""
    initial: dict[str, int | str | None] = {}
    if run is not None and run.version_id in {version.pk for version in versions}:
        initial = {"version": run.version_id, "level": run.level_id, "risk": run.risk}
        for answer in run.criterion_answers.all():
            initial[f"criterion_{answer.criterion_id}"] = answer.explanation
    elif suggested is not None:
        version, level = suggested
        initial = {"version": version.pk, "level": level.pk if level else None}
    for version, level in suggestions:
        if asked_for == str(version.pk) and initial.get("version") != version.pk:
            initial |= {"version": version.pk, "level": level.pk if level else None}
    return initial


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def project_method_choose(request: MemberRequest, pk: int) -> HttpResponse:
    """Choose the method and level the project runs on; the app suggests a method, and a level
    in each method from the estimated cost, the planned duration and the judged risk. The level
    list follows the chosen method: ?version= (the page's script, or the "show levels" button
    without JavaScript) shows another method's levels with its suggested level chosen."""
    membership = request.membership
    initiative = get_rw_initiative_for_user(membership, pk)
    versions = current_versions(membership.municipality)
    run = ProjectMethod.objects.filter(initiative=initiative).first()
    risk = run.risk if run is not None else None
    suggestions = method_suggestions(initiative, versions, risk)
    suggested = suggested_version(initiative, suggestions)
    levels = {version.pk: level for version, level in suggestions}
    showing = request.method == "POST" and "show_levels" in request.POST
    asked_for = request.POST.get("version") if showing else request.GET.get("version")
    initial = _choice_initial(run, versions, suggestions, suggested, asked_for)
    if showing:  # keep what was written; only the method and its level change
        kept = {name: request.POST.get(name) for name in ("risk",) if name in request.POST}
        kept |= {k: request.POST.get(k) for k in request.POST if k.startswith("criterion_")}
        initial = {**kept, **{k: initial.get(k) for k in ("version", "level")}}
    bound = request.method == "POST" and not showing
    form = ChooseMethodForm(
        request.POST if bound else None,
        versions=versions,
        suggested_levels=levels,
        initial=initial,
    )
    if bound and form.is_valid():
        try:
            version = form.cleaned_data["version"]
            enrolment.project_method_set(
                actor=request.user,
                initiative=initiative,
                version=version,
                level=form.cleaned_data["level"],
                risk=form.cleaned_data["risk"],
                criteria=form.criteria_for(version),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The method is chosen."))
            return redirect("projects:project_detail", initiative.pk)
    return render(
        request,
        "projects/project_choose.html",
        {
            "initiative": initiative,
            "form": form,
            "run": run,
            "suggestions": suggestions,
            "suggested": suggested,
            "months": months_begun(initiative.planned_start, initiative.planned_end),
            "risk": risk,
        },
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def decision_request_create(request: MemberRequest, pk: int) -> HttpResponse:
    """Ask the project owner for the decision that ends the current phase."""
    membership = request.membership
    initiative = get_rw_initiative_for_user(membership, pk)
    status = project_status(initiative)
    form = DecisionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            gates.decision_request_create(
                actor=request.user, initiative=initiative, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is requested."))
            return redirect("projects:project_detail", initiative.pk)
    return render(
        request,
        "projects/decision_request_form.html",
        {"initiative": initiative, "status": status, "form": form},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def decision_make(request: MemberRequest, pk: int) -> HttpResponse:
    """The project owner decides the waiting request."""
    membership = request.membership
    initiative = get_initiative_to_decide(membership, pk)
    status = project_status(initiative)
    pending = status.pending
    form = (
        _decision_form(membership, status, request.POST if request.method == "POST" else None)
        if pending is not None and status.run is not None
        else None
    )
    if request.method == "POST" and form is None:
        messages.error(request, _("There is no decision request waiting."))
        return redirect("projects:project_detail", initiative.pk)
    if request.method == "POST" and form is not None and form.is_valid():
        assert pending is not None
        data = form.cleaned_data
        try:
            gates.decision_make(
                actor=request.user,
                request=pending,
                outcome=data["outcome"],
                comment=data["comment"],
                to_phase=data.get("to_phase"),
                operations_unit=data.get("operations_unit"),
                operations_person=data.get("operations_person"),
                handover_date=data.get("handover_date"),
                benefits_owner=data.get("benefits_owner"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("projects:project_detail", initiative.pk)
    return render(
        request,
        "projects/decision_form.html",
        {"initiative": initiative, "status": status, "decision_form": form},
        status=400 if form is not None and form.is_bound else 200,
    )


@member_required(Capability.VIEW_PORTFOLIO)
def decisions_waiting(request: MemberRequest) -> HttpResponse:
    """The decision requests waiting for the viewer as project owner."""
    waiting = decisions_waiting_for(request.membership)
    return render(request, "projects/decisions_waiting.html", {"waiting": waiting})
