"""Counting adoption: a unit's count entered by hand (with its counts so far), a count
corrected, and counts imported from a spreadsheet (a preview first, then all or nothing)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.adoption.access import get_count_to_correct, get_solution_unit_to_count
from helhet.adoption.forms import CountForm, ImportForm
from helhet.adoption.services import counts as services
from helhet.adoption.services.imports import (
    CountsPreview,
    adoption_counts_import,
    counts_preview,
)
from helhet.core.forms import add_service_errors
from helhet.documents import uploads
from helhet.portfolio import exchange

# How many of a unit's counts its count page lists, newest first.
SHOWN_COUNTS = 24
PREVIEW_PROBLEMS = 500


@member_required(Capability.RECORD_ADOPTION)
@require_http_methods(["GET", "POST"])
def count_record(request: MemberRequest, pk: int) -> HttpResponse:
    """Record a count for a unit the member counts for, with the unit's counts so far."""
    solution_unit = get_solution_unit_to_count(request.membership, pk)
    solution = solution_unit.solution
    form = CountForm(
        request.POST or None,
        initial={"counted_on": timezone.localdate()},
        solution=solution,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_count_record(
                actor=request.user, solution_unit=solution_unit, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The count for %(unit)s is saved.") % {"unit": solution_unit.unit},
            )
            return redirect("adoption:detail", solution.pk)
    counts = solution_unit.counts.select_related("recorded_by").order_by("-counted_on", "-pk")
    return render(
        request,
        "adoption/count_form.html",
        {
            "form": form,
            "solution": solution,
            "solution_unit": solution_unit,
            "counts": list(counts[:SHOWN_COUNTS]),
        },
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.RECORD_ADOPTION)
@require_http_methods(["GET", "POST"])
def count_correct(request: MemberRequest, pk: int) -> HttpResponse:
    """Correct a count; the history keeps what it said before."""
    count = get_count_to_correct(request.membership, pk)
    solution_unit = count.solution_unit
    form = CountForm(
        request.POST or None,
        initial={
            "counted_on": count.counted_on,
            "value": count.value,
            "eligible": count.eligible,
            "comment": count.comment,
        },
        solution=solution_unit.solution,
    )
    if request.method == "POST" and form.is_valid():
        data = {"eligible": None, **form.cleaned_data}
        try:
            services.adoption_count_correct(actor=request.user, count=count, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The count is corrected."))
            return redirect("adoption:count", solution_unit.pk)
    return render(
        request,
        "adoption/count_form.html",
        {
            "form": form,
            "solution": solution_unit.solution,
            "solution_unit": solution_unit,
            "count": count,
        },
        status=400 if form.is_bound else 200,
    )


def _import_page(
    request: MemberRequest,
    form: ImportForm,
    *,
    preview: CountsPreview | None = None,
    token: str = "",
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    return render(
        request,
        "adoption/import.html",
        {
            "form": form,
            "preview": preview,
            "problems": [str(p) for p in preview.problems[:PREVIEW_PROBLEMS]] if preview else [],
            "token": token,
            "max_rows": exchange.MAX_ROWS,
            **context,
        },
        status=status,
    )


def _preview(request: MemberRequest, name: str, data: bytes) -> CountsPreview:
    table = exchange.read_table(name, data)
    return counts_preview(
        actor=request.user, municipality=request.membership.municipality, table=table
    )


# The size limit must be in place before anything reads the request's body, CSRF's check
# included: so CSRF is checked inside, after the limit is set (as in documents.views).
@csrf_exempt
@member_required(Capability.RECORD_ADOPTION)
@require_http_methods(["GET", "POST"])
def counts_import(request: MemberRequest) -> HttpResponse:
    """GET: the upload form. POST: read and check the file and show the preview (every
    problem by row and column, or the counts it would record and a button to confirm);
    nothing is written here."""
    limit = uploads.limit_upload_size(request)
    return _counts_import(request, limit)


@csrf_protect
def _counts_import(request: MemberRequest, limit: uploads.SizeLimitHandler) -> HttpResponse:
    if request.method != "POST":
        return _import_page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if limit.exceeded:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", uploads.too_large_message())
        return _import_page(request, form, status=400)
    if not form.is_valid():
        return _import_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    name, data = upload.name or "", upload.read()
    try:
        exchange.check_size(len(data))
        preview = _preview(request, name, data)
    except exchange.FileRefused as refused:
        form.add_error("file", refused.message)
        return _import_page(request, form, status=400)
    token = ""
    if preview.ok:
        token = exchange.pending_save(
            membership=request.membership, name=name, data=data, plan=preview.plan
        )
    return _import_page(
        request,
        ImportForm(),
        preview=preview,
        token=token,
        file_name=name,
        status=200 if preview.ok else 400,
    )


@member_required(Capability.RECORD_ADOPTION)
@require_http_methods(["GET", "POST"])
def counts_import_confirm(request: MemberRequest) -> HttpResponse:
    """POST: record the counts of the file kept since the preview, checked again, all or
    nothing. If the file now means something else (a count was entered meanwhile), nothing is
    written and the new preview is shown. GET: that file's preview again (or the upload form
    when none waits)."""
    if request.method == "GET":
        return _preview_again(request, request.GET.get("token", ""))
    token = request.POST.get("token", "")
    try:
        pending = exchange.pending_claim(membership=request.membership, token=token)
    except exchange.PendingClaimed:
        return _import_page(request, ImportForm(), status=409, already_imported=True)
    if pending is None:
        return _import_page(request, ImportForm(), status=400, expired=True)
    try:
        preview = _preview(request, pending.name, pending.data)
    except exchange.FileRefused as refused:
        exchange.pending_delete(pending.token)
        form = ImportForm()
        form.add_error(None, refused.message)
        return _import_page(request, form, status=400)
    if not preview.ok or preview.plan != pending.plan:
        exchange.pending_delete(pending.token)
        token = ""
        if preview.ok:
            token = exchange.pending_save(
                membership=request.membership,
                name=pending.name,
                data=pending.data,
                plan=preview.plan,
            )
        return _import_page(
            request,
            ImportForm(),
            preview=preview,
            token=token,
            file_name=pending.name,
            status=409,
            moved=True,
        )
    try:
        recorded = adoption_counts_import(
            actor=request.user,
            municipality=request.membership.municipality,
            table=exchange.read_table(pending.name, pending.data),
        )
    except ValidationError as refused:
        exchange.pending_release(pending.token)
        form = ImportForm()
        form.add_error(None, refused.messages)
        return _import_page(request, form, status=400)
    exchange.pending_delete(pending.token)
    messages.success(
        request,
        _("Imported from %(file)s: %(count)s counts.")
        % {"file": pending.name, "count": len(recorded)},
    )
    return redirect("adoption:list")


def _preview_again(request: MemberRequest, token: str) -> HttpResponse:
    pending = exchange.pending_load(membership=request.membership, token=token)
    if pending is None:
        return _import_page(request, ImportForm())
    try:
        preview = _preview(request, pending.name, pending.data)
    except exchange.FileRefused:
        return _import_page(request, ImportForm())
    return _import_page(
        request,
        ImportForm(),
        preview=preview,
        token=token if preview.ok and preview.plan == pending.plan else "",
        file_name=pending.name,
    )
