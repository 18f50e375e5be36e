"""Recording a municipal service's maturity at a date."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.maturity.access import get_rw_service_for_user
from helhet.maturity.forms.assessments import AssessmentForm, assessment_initial
from helhet.maturity.models import Service
from helhet.maturity.services.assessments import assessment_record


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def assessment_create(request: MemberRequest, pk: int) -> HttpResponse:
    """Record the service's maturity at a date. The form starts from the newest assessment (or,
    with ?date=YYYY-MM-DD, the assessment of that date, to correct it or classify its answers)
    and today's date."""
    service = get_rw_service_for_user(request.membership, pk)
    newest = service.assessments.order_by("-assessed_on").first()
    # A new date starts from the newest answers, not from where they came from.
    initial = {k: v for k, v in assessment_initial(newest).items() if k != "source"}
    chosen = _parse_date(request.GET.get("date", ""))
    if chosen is not None:
        earlier = service.assessments.filter(assessed_on=chosen).first()
        if earlier is not None:
            initial = {**assessment_initial(earlier), "assessed_on": earlier.assessed_on}
    form = AssessmentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = assessment_record(
                actor=request.user,
                service=service,
                assessed_on=data["assessed_on"],
                application=data["application"],
                application_comment=data["application_comment"],
                transfer=data["transfer"],
                transfer_comment=data["transfer_comment"],
                answer=data["answer"],
                answer_comment=data["answer_comment"],
                source=data["source"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The assessment of %(date)s was saved.")
                % {"date": formats.date_format(assessment.assessed_on, "SHORT_DATE_FORMAT")},
            )
            return redirect("maturity:service_detail", pk=service.pk)
    return render(
        request,
        "maturity/assessment_form.html",
        {"form": form, "service": service, "existing_dates": _dates(service)},
        status=400 if form.is_bound else 200,
    )


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _dates(service: Service) -> list[date]:
    return list(service.assessments.order_by("-assessed_on").values_list("assessed_on", flat=True))
