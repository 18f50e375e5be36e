"""Follow-up in the line: a benefits owner's own benefits ("Mine gevinster"), recording and
deleting a measurement with its evidence file, the evidence's download, and marking a benefit
realised or abandoned. Follow-up does not end with the project: only with the benefit."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.benefits.access import (
    get_benefit_for_follow_up,
    get_indicator_for_owner,
    get_measurement_evidence_for_user,
    get_rw_measurement_for_user,
    get_rw_measurement_to_confirm,
)
from helhet.benefits.forms.follow_up import BenefitStatusForm, MeasurementForm
from helhet.benefits.models import Indicator, Measurement
from helhet.benefits.selectors.follow_up import indicator_figures, my_benefits
from helhet.benefits.services import follow_up as follow_up_services
from helhet.core.formats import long_date
from helhet.core.forms import add_service_errors
from helhet.documents import uploads
from helhet.documents.uploads import too_large_message


def _back(request: MemberRequest, default: str) -> str:
    """Where to go when done: the page the person came from (``next``), if it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@member_required(Capability.VIEW_PORTFOLIO)
def mine(request: MemberRequest) -> HttpResponse:
    """The benefits the member owns or answers for, overdue measurements first."""
    today = timezone.localdate()
    return render(
        request,
        "benefits/mine.html",
        {"mine": my_benefits(request.membership, today=today), "today": today},
    )


def _saved_message(indicator: Indicator, measurement: Measurement) -> str:
    saved = _("The measurement %(value)s %(unit)s on %(date)s is saved.") % {
        "value": measurement.value_text,
        "unit": indicator.unit_display,
        "date": long_date(measurement.measured_on),
    }
    now = indicator_figures(indicator, today=timezone.localdate())
    if now.achievement is None:
        return f"{saved} {now.achievement_percent_text}."
    return f"{saved} " + _("Achievement is now %(achievement)s.") % {
        "achievement": now.achievement_percent_text
    }


# The size limit must be in place before anything reads the request's body, CSRF's check
# included: so CSRF is checked inside, after the limit is set (as in documents.views).
@csrf_exempt
@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measurement_create(request: MemberRequest, pk: int) -> HttpResponse:
    """Record a measurement (date, value, comment, evidence file) of an indicator the member
    owns or answers for, then go back to where they came from."""
    limit = uploads.limit_upload_size(request)
    return _measurement_create(request, pk, limit)


@csrf_protect
def _measurement_create(
    request: MemberRequest, pk: int, limit: uploads.SizeLimitHandler
) -> HttpResponse:
    indicator = get_indicator_for_owner(request.membership, pk)
    back = _back(request, reverse("benefits:mine"))
    if request.method == "POST":
        form = MeasurementForm(request.POST, request.FILES, indicator=indicator)
        if limit.exceeded:
            form.is_valid()
            form.errors.pop("evidence", None)
            form.add_error("evidence", too_large_message())
        elif form.is_valid():
            try:
                measurement = follow_up_services.measurement_record(
                    actor=request.user, indicator=indicator, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _saved_message(indicator, measurement))
                return redirect(back)
    else:
        form = MeasurementForm(initial={"measured_on": timezone.localdate()}, indicator=indicator)
    return render(
        request,
        "benefits/measurement_form.html",
        {
            "form": form,
            "indicator": indicator,
            "benefit": indicator.benefit,
            "figures": indicator_figures(indicator, today=timezone.localdate()),
            "next": back,
        },
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.VIEW_PORTFOLIO)
def measurement_evidence(request: MemberRequest, pk: int) -> HttpResponse:
    """A measurement's evidence file, as an attachment of the kind its content was found to be,
    never to be sniffed or shown inline."""
    measurement = get_measurement_evidence_for_user(request.membership, pk)
    kind = uploads.KINDS.get(measurement.evidence_type)
    if kind is None:
        raise Http404
    try:
        handle = uploads.open_stored(measurement.evidence_stored_name)
    except (OSError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=measurement.evidence_name or f"dokumentasjon{kind.extensions[0]}",
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A streamed response; member_required's typing knows only HttpResponse.
    return cast(HttpResponse, response)


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measurement_confirm(request: MemberRequest, pk: int) -> HttpResponse:
    """Confirm a measurement the project's own leader recorded, so it counts (asks first)."""
    measurement = get_rw_measurement_to_confirm(request.membership, pk)
    back = _back(request, reverse("benefits:mine"))
    if request.method == "POST":
        follow_up_services.measurement_confirm(actor=request.user, measurement=measurement)
        messages.success(
            request,
            _("The measurement on %(date)s is confirmed and counts as realised.")
            % {"date": long_date(measurement.measured_on)},
        )
        return redirect(back)
    return render(
        request,
        "benefits/measurement_confirm.html",
        {
            "measurement": measurement,
            "indicator": measurement.indicator,
            "benefit": measurement.indicator.benefit,
            "next": back,
        },
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measurement_delete(request: MemberRequest, pk: int) -> HttpResponse:
    """Delete a measurement (asks first)."""
    measurement = get_rw_measurement_for_user(request.membership, pk)
    back = _back(request, reverse("benefits:mine"))
    refused: list[str] = []
    if request.method == "POST":
        try:
            follow_up_services.measurement_delete(actor=request.user, measurement=measurement)
        except ValidationError as error:
            refused = error.messages
        else:
            messages.success(
                request,
                _("The measurement on %(date)s was deleted.")
                % {"date": long_date(measurement.measured_on)},
            )
            return redirect(back)
    return render(
        request,
        "benefits/measurement_delete.html",
        {
            "measurement": measurement,
            "indicator": measurement.indicator,
            "benefit": measurement.indicator.benefit,
            "refused": refused,
            "next": back,
        },
        status=400 if refused else 200,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def benefit_status(request: MemberRequest, pk: int) -> HttpResponse:
    """Mark a benefit planned, being realised, realised, or abandoned with a reason."""
    benefit = get_benefit_for_follow_up(request.membership, pk)
    back = _back(request, reverse("benefits:plan", args=[benefit.initiative_id]))
    form = BenefitStatusForm(
        request.POST if request.method == "POST" else None,
        initial={"status": benefit.status, "abandon_reason": benefit.abandon_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_services.benefit_status_set(
                actor=request.user, benefit=benefit, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The benefit “%(title)s” is now marked “%(status)s”.")
                % {"title": benefit.title, "status": benefit.get_status_display()},
            )
            return redirect(back)
    return render(
        request,
        "benefits/benefit_status.html",
        {"form": form, "benefit": benefit, "initiative": benefit.initiative, "next": back},
        status=400 if form.is_bound else 200,
    )
