"""Import of initiatives from a spreadsheet (template, upload with preview, confirmation) and
export of the overview's rows as .xlsx and .csv. The work is done in helhet/portfolio/exchange.py,
shared with the import_initiatives and export_initiatives commands."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.downloads import attachment
from helhet.core.forms import StyledForm
from helhet.core.spreadsheets import XLSX_TYPE
from helhet.files.views import ask_for_file
from helhet.portfolio import exchange
from helhet.portfolio.filters import parse_filters
from helhet.portfolio.tasks import import_confirmed_file, make_portfolio_export

# How many of the rows a clean preview lists (all of them are counted).
PREVIEW_ROWS = 100
# How many problems a preview lists (all of them are counted).
PREVIEW_PROBLEMS = 500


class ImportForm(StyledForm):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
        help_text=gettext_lazy("At most 5 MB. Use the template, with the column names in row 1."),
    )

    def __init__(self, *args: Any, too_big: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = f".xlsx,.csv,{XLSX_TYPE},text/csv"
        self.too_big = too_big

    def clean(self) -> dict[str, Any]:
        if self.too_big:
            # The upload handler dropped the file unread: say why, not "required".
            self.errors.pop("file", None)
            raise forms.ValidationError(exchange.too_big_message())
        return super().clean() or {}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            exchange.check_size(upload.size)
            exchange.file_format(upload.name or "")
        except exchange.FileRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload


class _SizeLimit(FileUploadHandler):
    """Stops reading an uploaded file once it passes the limit, so a 50 MB file is dropped as it
    streams in instead of being written to disk and parsed."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _upload_page(
    request: MemberRequest, form: ImportForm, status: int = 200, **context: Any
) -> HttpResponse:
    return render(
        request,
        "portfolio/import.html",
        {"form": form, "max_rows": exchange.MAX_ROWS, **context},
        status=status,
    )


def _preview_page(
    request: MemberRequest,
    preview: exchange.ImportPreview,
    name: str,
    token: str = "",
    *,
    status: int | None = None,
    moved: bool = False,
) -> HttpResponse:
    to_write = preview.to_write
    return render(
        request,
        "portfolio/import_preview.html",
        {
            "preview": preview,
            "file_name": name,
            "token": token,
            "to_write": to_write,
            "shown_rows": to_write[:PREVIEW_ROWS],
            "shown_problems": [str(problem) for problem in preview.problems[:PREVIEW_PROBLEMS]],
            "form": ImportForm(),
            "moved": moved,
        },
        status=status or (200 if preview.ok else 400),
    )


def _check(request: MemberRequest, name: str, data: bytes) -> exchange.ImportPreview:
    table = exchange.read_table(name, data)
    return exchange.check_import(municipality=request.membership.municipality, table=table)


@csrf_exempt  # checked below, after the size limit is in place (it must come before the body)
@member_required(Capability.IMPORT_INITIATIVES)
@require_http_methods(["GET", "POST"])
def import_upload(request: MemberRequest) -> HttpResponse:
    """GET: the upload form and the template. POST: read and check the file, and show the
    preview: every problem by row and column, or what would be created and a button to
    confirm. Nothing is written here."""
    limit = _SizeLimit(exchange.MAX_UPLOAD_BYTES)
    if request.method == "POST":
        request.upload_handlers = [limit, *request.upload_handlers]
    return _import_upload(request, limit)


@csrf_protect
def _import_upload(request: MemberRequest, limit: _SizeLimit) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES, too_big=limit.exceeded)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    name = upload.name or ""
    data = upload.read()
    try:
        preview = _check(request, name, data)
    except exchange.FileRefused as refused:
        form.add_error("file", refused.message)
        return _upload_page(request, form, status=400)
    token = ""
    if preview.ok and preview.to_write:
        token = exchange.pending_save(
            membership=request.membership, name=name, data=data, plan=preview.plan
        )
    return _preview_page(request, preview, name, token)


@member_required(Capability.IMPORT_INITIATIVES)
@require_http_methods(["GET", "POST"])
def import_confirm(request: MemberRequest) -> HttpResponse:
    """POST: create and change the initiatives of the file kept since the preview, checked
    again, all in one transaction; if checking again gives another plan than the preview
    showed (someone changed the portfolio meanwhile), nothing is written and the new preview is
    shown to confirm. A file with more rows to write than ``HELHET_IMPORT_QUEUE_ROWS`` is written
    by the worker (``portfolio.tasks.import_confirmed_file``) after the same checks, and the
    person is told when it is done. GET: the preview of that file again (or the upload form when
    none waits)."""
    token = (request.POST if request.method == "POST" else request.GET).get("token", "")
    if request.method == "GET":
        pending = exchange.pending_load(membership=request.membership, token=token)
    else:
        try:
            # This confirmation alone from here on: a parallel one (a double click, another
            # window) is told the file is already being imported.
            pending = exchange.pending_claim(membership=request.membership, token=token)
        except exchange.PendingClaimed:
            return _upload_page(request, ImportForm(), status=409, already_imported=True)
    if pending is None:
        if request.method == "GET":
            return _upload_page(request, ImportForm())
        return _upload_page(
            request,
            ImportForm(),
            status=400,
            expired=True,
        )
    try:
        preview = _check(request, pending.name, pending.data)
    except exchange.FileRefused as refused:  # cannot happen for a file that passed before
        exchange.pending_delete(pending.token)
        form = ImportForm()
        form.add_error(None, refused.message)
        return _upload_page(request, form, status=400)
    if request.method == "GET" or not preview.ok:
        exchange.pending_release(pending.token)
        return _preview_page(request, preview, pending.name, pending.token if preview.ok else "")
    if pending.plan != preview.plan:
        exchange.pending_delete(pending.token)
        token = exchange.pending_save(
            membership=request.membership, name=pending.name, data=pending.data, plan=preview.plan
        )
        return _preview_page(request, preview, pending.name, token, status=409, moved=True)
    if len(preview.to_write) > settings.HELHET_IMPORT_QUEUE_ROWS:
        # A large file: written by the worker, which tells the person when it is done; the file
        # stays claimed (a second confirmation is told it is being imported).
        import_confirmed_file.enqueue(pending.token, request.membership.pk)
        messages.success(
            request,
            _(
                "%(file)s is being imported: %(what)s. Helhet tells you when it is done; the "
                "overview shows the new initiatives then."
            )
            % {"file": pending.name, "what": preview.summary()},
        )
        return redirect("portfolio:overview")
    try:
        exchange.import_rows(
            actor=request.user,
            municipality=request.membership.municipality,
            rows=preview.rows,
        )
    except exchange.ImportFailed as failed:
        exchange.pending_release(pending.token)
        return _preview_page(
            request, exchange.ImportPreview([], failed.problems, preview.notices), pending.name
        )
    exchange.pending_delete(pending.token)
    messages.success(
        request,
        _("Imported from %(file)s: %(what)s.") % {"file": pending.name, "what": preview.summary()},
    )
    return redirect("portfolio:overview")


@member_required(Capability.IMPORT_INITIATIVES)
@require_GET
def import_template(request: MemberRequest) -> HttpResponse:
    """The .xlsx template to fill in: the columns, and a sheet explaining each of them."""
    out = io.BytesIO()
    exchange.template_workbook(out)
    return attachment(out.getvalue(), "helhet-importmal-tiltak.xlsx", XLSX_TYPE)


def _ask_for_export(request: MemberRequest, extension: str, title: str) -> HttpResponse:
    # Read as the overview reads them (a bad filter is dropped); kept as the page had them.
    parse_filters(request.GET, municipality=request.membership.municipality)
    return ask_for_file(
        request,
        kind=f"portfolio.{extension}",
        title=title,
        parameters={"format": extension, "query": request.GET.urlencode()},
        personal_data=True,
        job=make_portfolio_export,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def export_xlsx(request: MemberRequest) -> HttpResponse:
    """Ask for the overview's rows, with its current filters (the query string), as an .xlsx
    that can be imported again. Made on the job queue (``portfolio.tasks``): 10,000 rows at
    national scale are too many for a request. The person lands on Mine filer."""
    return _ask_for_export(request, "xlsx", _("The portfolio as a spreadsheet (.xlsx)"))


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def export_csv(request: MemberRequest) -> HttpResponse:
    """Ask for the overview's rows, with its current filters, as CSV for Norwegian Excel (made
    on the job queue, as the .xlsx)."""
    return _ask_for_export(request, "csv", _("The portfolio as CSV"))
