"""An initiative's own pages: register, read, change, delete, history, status reports, related
initiatives and document links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.core.history import FieldChange, HistoryPart, history_entries
from helhet.organization.models import OrgUnit
from helhet.portfolio import services
from helhet.portfolio.access import (
    can_edit_initiative,
    get_initiative_for_user,
    get_rw_initiative_for_user,
    get_rw_link_for_user,
    get_rw_relation_for_user,
)
from helhet.portfolio.forms.initiatives import (
    FundingFormSet,
    InitiativeCreateForm,
    InitiativeForm,
    funding_initial,
    funding_lines,
    initiative_initial,
)
from helhet.portfolio.forms.relations import LinkForm, RelationForm
from helhet.portfolio.forms.status_reports import StatusReportForm
from helhet.portfolio.models import (
    RATED_ASPECTS,
    FundingSource,
    Initiative,
    InitiativeRelation,
    Rating,
    StatusReport,
)
from helhet.portfolio.selectors.status_reports import report_period_suggested
from helhet.portfolio.services import INITIATIVE_FIELDS, ConcurrentEditError

# A rating is shown in colour and in words, never in colour alone.
RATING_COLORS: dict[str, str] = {
    Rating.GREEN: "success",
    Rating.YELLOW: "warning",
    Rating.RED: "danger",
}


@dataclass(frozen=True)
class AspectRating:
    label: str
    rating: str
    rating_label: str
    color: str
    comment: str


@dataclass(frozen=True)
class ReportView:
    report: StatusReport
    aspects: list[AspectRating]
    overall_label: str
    overall_color: str


def _report_view(report: StatusReport) -> ReportView:
    labels = dict(Rating.choices)
    aspects = [
        AspectRating(
            label=str(StatusReportForm.ASPECT_LABELS[aspect]),
            rating=getattr(report, aspect),
            rating_label=str(labels.get(getattr(report, aspect), "")),
            color=RATING_COLORS.get(getattr(report, aspect), "neutral"),
            comment=getattr(report, f"{aspect}_comment"),
        )
        for aspect in RATED_ASPECTS
    ]
    overall = report.overall
    return ReportView(
        report=report,
        aspects=aspects,
        overall_label=str(labels.get(overall, "")),
        overall_color=RATING_COLORS.get(overall, "neutral"),
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def initiative_create(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    form = InitiativeCreateForm(
        request.POST if request.method == "POST" else None, municipality=membership.municipality
    )
    if request.method == "POST" and form.is_valid():
        # A project leader or owner who registers an initiative leads or owns it: the service
        # sees to that, for the API alike.
        try:
            initiative = services.initiative_create(
                actor=request.user,
                municipality=membership.municipality,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                owning_unit=form.cleaned_data["owning_unit"],
                short_description=form.cleaned_data["short_description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” was registered. Fill in the rest when you know more.")
                % {"name": initiative.name},
            )
            return redirect("portfolio:initiative_detail", pk=initiative.pk)
    status = 400 if form.is_bound else 200
    return render(request, "portfolio/initiative_create.html", {"form": form}, status=status)


@member_required(Capability.VIEW_PORTFOLIO)
def initiative_detail(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for_user(request.membership, pk)
    prefetch_related_objects(
        [initiative],
        Prefetch("participating_units", queryset=OrgUnit.objects.order_by("name")),
        "contacts",
        "goals",
        "tags",
        "funding_sources",
        "links",
        Prefetch("projects", queryset=Initiative.objects.order_by("name")),
        Prefetch("status_reports", queryset=StatusReport.objects.select_related("author")),
        Prefetch(
            "relations_out",
            queryset=InitiativeRelation.objects.select_related("target").order_by("target__name"),
        ),
        Prefetch(
            "relations_in",
            queryset=InitiativeRelation.objects.select_related("source").order_by("source__name"),
        ),
    )
    reports = [_report_view(report) for report in initiative.status_reports.all()]
    funding = list(initiative.funding_sources.all())
    return render(
        request,
        "portfolio/initiative_detail.html",
        {
            "initiative": initiative,
            "can_edit": can_edit_initiative(request.membership, initiative),
            "latest": reports[0] if reports else None,
            "reports": reports,
            "funding": funding,
            "funding_total": sum((source.amount for source in funding), Decimal(0)),
            "privacy_warning": initiative.privacy_not_assessed,
        },
    )


def _merge_their_changes(
    data: QueryDict, form: InitiativeForm, initiative: Initiative, opened_version: int
) -> QueryDict:
    """What the person typed, with the current version, and with the fields that only the other
    person changed brought up to date. Where both changed a field, what the person typed is kept
    for them to decide."""
    merged = data.copy()
    merged["version"] = str(initiative.version)
    then = initiative.history.filter(version=opened_version).order_by("-history_date").first()
    if then is None:
        return merged
    for name in INITIATIVE_FIELDS:
        model_field = Initiative._meta.get_field(name)
        assert isinstance(model_field, models.Field)
        attname = model_field.attname
        before, now = getattr(then, attname), getattr(initiative, attname)
        if before == now:
            continue
        if form.fields[name].has_changed(before, data.get(name)):
            continue  # both changed it: keep what the person typed
        if isinstance(now, bool):
            if now:
                merged[name] = "on"
            else:
                merged.pop(name, None)
        elif isinstance(now, date):
            merged[name] = now.isoformat()
        else:
            merged[name] = "" if now is None else str(now)
    return merged


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def initiative_edit(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_rw_initiative_for_user(request.membership, pk)
    municipality = request.membership.municipality
    data = request.POST if request.method == "POST" else None
    form = InitiativeForm(
        data,
        initial=initiative_initial(initiative),
        municipality=municipality,
        initiative=initiative,
        actor=request.user,
    )
    funding = FundingFormSet(data, initial=funding_initial(initiative), prefix="funding")
    conflict: ConcurrentEditError | None = None
    if request.method == "POST" and form.is_valid() and funding.is_valid():
        try:
            services.initiative_update(
                actor=request.user,
                initiative=initiative,
                expected_version=form.cleaned_data["version"],
                fields=form.plain_fields(),
                m2m=form.m2m(),
                tags=form.cleaned_data["tags"],
                funding=funding_lines(funding),
            )
        except ConcurrentEditError as error:
            conflict = error
            initiative.refresh_from_db()
            assert data is not None
            form = InitiativeForm(
                _merge_their_changes(data, form, initiative, form.cleaned_data["version"]),
                initial=initiative_initial(initiative),
                municipality=municipality,
                initiative=initiative,
                actor=request.user,
            )
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("portfolio:initiative_detail", pk=initiative.pk)
    status = 409 if conflict is not None else 400 if form.is_bound else 200
    return render(
        request,
        "portfolio/initiative_edit.html",
        {
            "initiative": initiative,
            "form": form,
            "funding": funding,
            "conflict": conflict,
            "conflict_changes": _conflict_changes(conflict),
        },
        status=status,
    )


def _conflict_changes(conflict: ConcurrentEditError | None) -> list[FieldChange]:
    return list(conflict.changes) if conflict is not None else []


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def initiative_delete(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_rw_initiative_for_user(request.membership, pk)
    if request.method == "POST":
        services.initiative_delete(actor=request.user, initiative=initiative)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": initiative.name})
        return redirect("portfolio:overview")
    return render(request, "portfolio/initiative_delete.html", {"initiative": initiative})


@member_required(Capability.VIEW_HISTORY)
def initiative_history(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for_user(request.membership, pk)
    funding = HistoryPart(FundingSource.history.filter(initiative_id=initiative.pk), "initiative")
    return render(
        request,
        "core/history.html",
        {
            "object": initiative,
            "entries": history_entries(initiative, parts=[funding]),
            "back_url": reverse("portfolio:initiative_detail", args=[initiative.pk]),
        },
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def status_report_create(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_rw_initiative_for_user(request.membership, pk)
    form = StatusReportForm(
        request.POST if request.method == "POST" else None,
        initial=report_period_suggested(initiative, today=timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.status_report_create(
                actor=request.user,
                initiative=initiative,
                ratings=form.ratings(),
                comments=form.comments(),
                summary=form.cleaned_data["summary"].strip(),
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status report was saved."))
            return redirect("portfolio:initiative_detail", pk=initiative.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "portfolio/status_report_form.html",
        {"initiative": initiative, "form": form},
        status=status,
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def relation_add(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_rw_initiative_for_user(request.membership, pk)
    form = RelationForm(request.POST if request.method == "POST" else None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.relation_add(
                actor=request.user,
                source=initiative,
                target=form.cleaned_data["target"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The related initiative was added."))
            return redirect("portfolio:initiative_detail", pk=initiative.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "portfolio/initiative_relation_add.html",
        {"initiative": initiative, "form": form},
        status=status,
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def relation_remove(request: MemberRequest, pk: int) -> HttpResponse:
    relation = get_rw_relation_for_user(request.membership, pk)
    if request.method == "POST":
        services.relation_remove(actor=request.user, relation=relation)
        messages.success(request, _("The relation was removed."))
        return redirect("portfolio:initiative_detail", pk=relation.source_id)
    return render(request, "portfolio/initiative_relation_remove.html", {"relation": relation})


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def link_create(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_rw_initiative_for_user(request.membership, pk)
    form = LinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_create(
                actor=request.user,
                initiative=initiative,
                title=form.cleaned_data["title"].strip(),
                url=form.cleaned_data["url"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The link was added."))
            return redirect("portfolio:initiative_detail", pk=initiative.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "portfolio/initiative_link_add.html",
        {"initiative": initiative, "form": form},
        status=status,
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def link_delete(request: MemberRequest, pk: int) -> HttpResponse:
    link = get_rw_link_for_user(request.membership, pk)
    if request.method == "POST":
        services.link_delete(actor=request.user, link=link)
        messages.success(request, _("The link was removed."))
        return redirect("portfolio:initiative_detail", pk=link.initiative_id)
    return render(request, "portfolio/initiative_link_remove.html", {"link": link})
