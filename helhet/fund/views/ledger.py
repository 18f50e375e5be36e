"""The fund's ledger: every entry, newest first, a page at a time, with the balances; and the
portfolio office's forms for capital, a disbursement (date and voucher), the release of what is
unused of a grant, and the correction of an entry (a reversing entry: nothing is ever changed or
deleted). Grants are committed by the decisions on applications and gains come back by settling
them, each on its own page.
A view that names a fund or an entry asks the decorator only for VIEW_FUNDS: the access helper
answers 404 for another municipality's object before 403 for a role that does not keep funds."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.fund.access import get_fund_for_user, get_ledger_entry_for_user, get_rw_fund_for_user
from helhet.fund.forms.ledger import MANUAL_KINDS, CorrectionForm, EntryForm
from helhet.fund.models import EntryKind, LedgerEntry
from helhet.fund.selectors.balance import fund_balance
from helhet.fund.services.ledger import ledger_entry_correct, ledger_entry_record

PAGE_SIZE = 50


@member_required(Capability.VIEW_FUNDS)
def ledger(request: MemberRequest, pk: int) -> HttpResponse:
    fund = get_fund_for_user(request.membership, pk)
    entries = (
        LedgerEntry.objects.filter(fund=fund)
        .select_related("application__initiative", "recorded_by", "corrects", "corrected_by")
        .order_by("-entry_date", "-pk")
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side"))
    context = {"fund": fund, "balance": fund_balance(fund), "page": page}
    return render(request, "fund/ledger.html", context)


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def entry_create(request: MemberRequest, pk: int, kind: str) -> HttpResponse:
    """Capital, a disbursement or a release, by the portfolio office."""
    fund = get_rw_fund_for_user(request.membership, pk)
    if kind not in MANUAL_KINDS:
        raise Http404
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        initial={"entry_date": timezone.localdate()},
        fund=fund,
        kind=kind,
    )
    if request.method == "POST" and form.is_valid():
        try:
            ledger_entry_record(fund=fund, kind=kind, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was recorded in the ledger."))
            return redirect("fund:ledger", fund.pk)
    status = 400 if form.is_bound else 200
    no_grants = kind != EntryKind.CAPITAL and not form.fields["application"].queryset.exists()  # type: ignore[attr-defined]
    context = {"fund": fund, "form": form, "kind": EntryKind(kind), "no_grants": no_grants}
    return render(request, "fund/entry_form.html", context, status=status)


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def entry_correct(request: MemberRequest, pk: int) -> HttpResponse:
    """Reverse an entry with one of the same kind and the opposite amount."""
    entry = get_ledger_entry_for_user(request.membership, pk)
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        initial={"entry_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            ledger_entry_correct(
                entry=entry,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                entry_date=form.cleaned_data["entry_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was corrected by a reversing entry."))
            return redirect("fund:ledger", entry.fund_id)
    status = 400 if form.is_bound else 200
    context = {"fund": entry.fund, "entry": entry, "form": form}
    return render(request, "fund/entry_correct.html", context, status=status)
