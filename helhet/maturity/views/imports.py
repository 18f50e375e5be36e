"""Importing a service maturity table: upload and check the file, see what the import would do,
then confirm it."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.downloads import attachment
from helhet.core.spreadsheets import CSV_TYPE, XLSX_TYPE
from helhet.maturity import import_templates, imports
from helhet.maturity.forms.imports import ImportConfirmForm, ImportForm
from helhet.portfolio import exchange


def _upload_page(
    request: MemberRequest,
    form: ImportForm,
    status: int = 200,
    expired: bool = False,
    already_imported: bool = False,
) -> HttpResponse:
    return render(
        request,
        "maturity/import_upload.html",
        {
            "form": form,
            "expired": expired,
            "already_imported": already_imported,
            "column_headers": list(imports.COLUMN_HEADERS.items()),
        },
        status=status,
    )


def _preview_page(
    request: MemberRequest,
    form: ImportConfirmForm,
    preview: imports.ImportPreview,
    name: str,
    token: str,
) -> HttpResponse:
    return render(
        request,
        "maturity/import_preview.html",
        {
            "form": form,
            "preview": preview,
            "file_name": name,
            "token": token,
            "assessed_on": form.cleaned_data["assessed_on"],
            "source": form.cleaned_data["source"],
            "problems": [str(problem) for problem in preview.problems],
            "upload_form": ImportForm(
                initial={
                    "assessed_on": form.cleaned_data["assessed_on"],
                    "source": form.cleaned_data["source"],
                }
            ),
        },
        status=200 if preview.ok else 400,
    )


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def import_upload(request: MemberRequest) -> HttpResponse:
    """GET: the form. POST: read and check the file, and show what the import would do, every
    problem by row and column, and the answers it cannot classify. Nothing is written here."""
    if request.method != "POST":
        return _upload_page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    name, data = upload.name or "", upload.read()
    preview = imports.check_service_maturity(
        municipality=request.membership.municipality,
        data=data,
        assessed_on=form.cleaned_data["assessed_on"],
        name=name,
    )
    token = ""
    if preview.ok:
        token = exchange.pending_save(membership=request.membership, name=name, data=data)
    return _preview_page(request, form, preview, name, token)


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def import_confirm(request: MemberRequest) -> HttpResponse:
    """POST: import the file kept since the preview, checked again, all in one transaction.
    GET (a reload, a bookmark): the upload form."""
    if request.method != "POST":
        return _upload_page(request, ImportForm())
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        return _upload_page(request, ImportForm(), status=400, expired=True)
    try:
        # This confirmation alone from here on: a parallel one (a double click, another
        # window) is told the file is already being imported.
        pending = exchange.pending_claim(
            membership=request.membership, token=request.POST.get("token", "")
        )
    except exchange.PendingClaimed:
        return _upload_page(request, ImportForm(), status=409, already_imported=True)
    if pending is None:
        return _upload_page(request, ImportForm(), status=400, expired=True)
    try:
        result = imports.import_service_maturity(
            municipality=request.membership.municipality,
            data=pending.data,
            assessed_on=form.cleaned_data["assessed_on"],
            actor=request.user,
            source=form.cleaned_data["source"],
            name=pending.name,
        )
    except imports.ImportRefused as refused:
        exchange.pending_release(pending.token)
        preview = imports.ImportPreview(problems=refused.problems)
        return _preview_page(request, form, preview, pending.name, "")
    exchange.pending_delete(pending.token)
    messages.success(
        request,
        ngettext(
            "%(count)s service was assessed from %(file)s.",
            "%(count)s services were assessed from %(file)s.",
            result.assessments,
        )
        % {"count": result.assessments, "file": pending.name}
        + " "
        + imports.new_in_catalogue_text(result.services_created),
    )
    if result.unclassified:
        messages.warning(
            request,
            ngettext(
                "%(count)s answer could not be classified; it is marked “Not classified” in the "
                "catalogue.",
                "%(count)s answers could not be classified; they are marked “Not classified” in "
                "the catalogue.",
                len(result.unclassified),
            )
            % {"count": len(result.unclassified)},
        )
    return redirect("maturity:catalogue")


@member_required(Capability.MANAGE_SERVICES)
@require_GET
def import_template_xlsx(request: MemberRequest) -> HttpResponse:
    """The import template as .xlsx: the Norwegian column names and one example row."""
    out = io.BytesIO()
    import_templates.template_xlsx(out)
    return attachment(out.getvalue(), "helhet-importmal-modenhet.xlsx", XLSX_TYPE)


@member_required(Capability.MANAGE_SERVICES)
@require_GET
def import_template_csv(request: MemberRequest) -> HttpResponse:
    """The import template as CSV for Norwegian Excel."""
    return attachment(import_templates.template_csv(), "helhet-importmal-modenhet.csv", CSV_TYPE)
