"""Gains back to the fund: the overview of what funded initiatives owe, what came back and what
was waived (everyone in the municipality reads it), and the page where the portfolio office
settles one grant's years."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.duties import refusal_to_settle_gain
from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.benefits.models import Benefit
from helhet.core.forms import add_service_errors
from helhet.fund.access import get_application_to_settle_for_user, get_fund_for_user
from helhet.fund.forms.gains import GainReturnForm, GainWaiveForm
from helhet.fund.models import Application
from helhet.fund.selectors.gains import GainYear, gains_of
from helhet.fund.services import gains as gain_services

GRANTS_PER_PAGE = 25


@member_required(Capability.VIEW_FUNDS)
def gains(request: MemberRequest, pk: int) -> HttpResponse:
    """What each funded initiative owed the fund year by year, what came back and what was
    waived, and its benefits that are not money; the totals over every grant, the grants
    themselves a page at a time."""
    fund = get_fund_for_user(request.membership, pk)
    found = gains_of(
        Application.objects.filter(fund=fund),
        municipality=request.membership.municipality,
        today=timezone.localdate(),
    )
    page = Paginator(found.applications, GRANTS_PER_PAGE).get_page(request.GET.get("page"))
    # The demo's example benefits say so in their title (no field for it): the page says so too.
    examples = set(
        Benefit.objects.filter(
            initiative_id__in=[owed.initiative_id for owed in page], title__icontains="eksempel"
        ).values_list("initiative_id", flat=True)
    )
    context = {"fund": fund, "gains": found, "page": page, "examples": examples}
    return render(request, "fund/gains.html", context)


@dataclass
class SettleYear:
    """A year of the grant with its two forms when it can be settled."""

    line: GainYear
    return_form: GainReturnForm | None
    waive_form: GainWaiveForm | None


def _forms(line: GainYear, posted: str, data: object) -> SettleYear:
    if not line.settleable:
        return SettleYear(line, None, None)
    today = timezone.localdate()
    returned = f"return-{line.year}"
    waived = f"waive-{line.year}"
    return SettleYear(
        line,
        GainReturnForm(
            data if posted == returned else None,
            prefix=returned,
            initial={"amount": line.due, "entry_date": today},
        ),
        GainWaiveForm(data if posted == waived else None, prefix=waived),
    )


def _settle(request: MemberRequest, application: Application, year: SettleYear) -> bool:
    """Run the posted form's service; False (errors on the form) when it refuses."""
    try:
        if year.return_form is not None and year.return_form.is_bound:
            if not year.return_form.is_valid():
                return False
            gain_services.gain_return_confirm(
                application=application,
                year=year.line.year,
                actor=request.user,
                **year.return_form.cleaned_data,
            )
            messages.success(
                request,
                _("The gain returned for %(year)s is in the fund's ledger.")
                % {"year": year.line.year},
            )
        elif year.waive_form is not None and year.waive_form.is_valid():
            gain_services.gain_return_waive(
                application=application,
                year=year.line.year,
                actor=request.user,
                reason=year.waive_form.cleaned_data["reason"],
            )
            messages.success(
                request, _("The gain for %(year)s is waived.") % {"year": year.line.year}
            )
        else:
            return False
    except ValidationError as error:
        form = (
            year.return_form if year.return_form and year.return_form.is_bound else year.waive_form
        )
        assert form is not None
        add_service_errors(form, error)
        return False
    return True


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def gain_settle(request: MemberRequest, pk: int) -> HttpResponse:
    """One grant's years of gains, each year that has ended with something due offered to be
    confirmed as returned or waived with a reason, by the portfolio office (not the
    initiative's own owner or leader)."""
    application = get_application_to_settle_for_user(request.membership, pk)
    found = gains_of(
        Application.objects.filter(pk=application.pk),
        municipality=request.membership.municipality,
        today=timezone.localdate(),
    ).applications
    owed = found[0] if found else None
    refusal = refusal_to_settle_gain(
        request.user,
        municipality_id=application.municipality_id,
        project_owner_id=application.initiative.project_owner_id,
        project_leader_id=application.initiative.project_leader_id,
    )
    posted = request.POST.get("settle", "") if request.method == "POST" else ""
    years = [
        _forms(line, posted, request.POST if not refusal else None)
        for line in (owed.years if owed else [])
    ]
    if request.method == "POST":
        chosen = next((y for y in years if y.return_form and y.return_form.is_bound), None)
        chosen = chosen or next((y for y in years if y.waive_form and y.waive_form.is_bound), None)
        if refusal:
            messages.error(request, refusal)
        elif chosen is None:
            messages.error(request, _("Choose a year that is due and not settled."))
        elif _settle(request, application, chosen):
            return redirect("fund:gain_settle", application.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "fund/gain_settle.html",
        {
            "application": application,
            "fund": application.fund,
            "owed": owed,
            "years": years,
            "refusal": refusal,
        },
        status=status,
    )
