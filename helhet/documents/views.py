"""A project's documents: the list of those its method requires with their states, one
document with its versions, a new version filled in as a form or uploaded as a file, the mark
"not relevant" and its undoing, one version, and the download of an uploaded file."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.documents import services, uploads
from helhet.documents.access import (
    get_document_for_user,
    get_rw_document_for_user,
    get_version_for_user,
)
from helhet.documents.forms import (
    ConfirmForm,
    Next,
    NotRelevantForm,
    OpenForm,
    StructuredForm,
    UploadForm,
)
from helhet.documents.models import ProjectDocument
from helhet.documents.selectors import (
    document_versions,
    documents_by_phase,
    latest_structured_content,
)
from helhet.documents.structure import headings
from helhet.methodology.models import ProjectMethod
from helhet.portfolio.access import can_edit_initiative, get_initiative_for_user

_NEXT_VIEWS = {
    Next.FORM: "documents:version_create",
    Next.UPLOAD: "documents:version_upload",
    Next.NOT_RELEVANT: "documents:not_relevant_mark",
}


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def project_documents(request: MemberRequest, pk: int) -> HttpResponse:
    """Every document the project's method requires at its level, phase by phase, with its
    state. Those who may change the initiative start work on one here (POST: which document and
    what to do), and go on to that page."""
    membership = request.membership
    initiative = get_initiative_for_user(membership, pk)
    can_edit = can_edit_initiative(membership, initiative)
    run = (
        ProjectMethod.objects.select_related("version__method", "level", "current_phase")
        .filter(initiative=initiative)
        .first()
    )
    phases = documents_by_phase(run) if run is not None else []
    form = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = OpenForm(
            request.POST,
            requirements=[row.requirement for phase in phases for row in phase.documents],
        )
        if form.is_valid():
            try:
                document = services.project_document_open(
                    actor=request.user,
                    initiative=initiative,
                    requirement=form.cleaned_data["requirement"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                view = _NEXT_VIEWS.get(form.cleaned_data["next"], "documents:document_detail")
                return redirect(view, document.pk)
    return render(
        request,
        "documents/project_documents.html",
        {
            "initiative": initiative,
            "run": run,
            "phases": phases,
            "can_edit": can_edit,
            "form": form,
        },
        status=400 if form is not None else 200,
    )


def _document_context(document: ProjectDocument) -> dict[str, object]:
    return {"document": document, "initiative": document.initiative}


@member_required(Capability.VIEW_PORTFOLIO)
def document_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """The document's versions, newest first, with who made each and when; the mark "not
    relevant" and its reason; what those who may change the initiative can do next."""
    membership = request.membership
    document = get_document_for_user(membership, pk)
    return render(
        request,
        "documents/document_detail.html",
        {
            **_document_context(document),
            "versions": document_versions(document),
            "can_edit": can_edit_initiative(membership, document.initiative),
        },
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def version_create(request: MemberRequest, pk: int) -> HttpResponse:
    """A new version filled in as the document type's form, starting from the newest filled-in
    version."""
    document = get_rw_document_for_user(request.membership, pk)
    document_type = document.requirement.document_type
    form = StructuredForm(
        request.POST if request.method == "POST" else None,
        document_type=document_type,
        initial=latest_structured_content(document),
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_version_create(
                actor=request.user, document=document, content=form.content()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Version %(number)s is saved.") % {"number": version.number}
            )
            return redirect("documents:document_detail", document.pk)
    return render(
        request,
        "documents/version_form.html",
        {**_document_context(document), "form": form},
        status=400 if form.is_bound else 200,
    )


# The size limit must be in place before anything reads the request's body, CSRF's check
# included: so CSRF is checked inside, after the limit is set (as Django's documentation shows).
@csrf_exempt
@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def version_upload(request: MemberRequest, pk: int) -> HttpResponse:
    """A new version uploaded as a file, checked by content and size."""
    limit = uploads.limit_upload_size(request)
    return _version_upload(request, pk, limit)


@csrf_protect
def _version_upload(
    request: MemberRequest, pk: int, limit: uploads.SizeLimitHandler
) -> HttpResponse:
    document = get_rw_document_for_user(request.membership, pk)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST":
        if limit.exceeded:
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error("file", uploads.too_large_message())
        elif form.is_valid():
            try:
                version = services.document_version_upload(
                    actor=request.user, document=document, upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Version %(number)s is saved.") % {"number": version.number}
                )
                return redirect("documents:document_detail", document.pk)
    return render(
        request,
        "documents/version_upload.html",
        {**_document_context(document), "form": form},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def not_relevant_mark(request: MemberRequest, pk: int) -> HttpResponse:
    """Mark the document "not relevant", saying why."""
    document = get_rw_document_for_user(request.membership, pk)
    form = NotRelevantForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_not_relevant_mark(
                actor=request.user, document=document, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document is marked not relevant."))
            return redirect("documents:document_detail", document.pk)
    return render(
        request,
        "documents/not_relevant_form.html",
        {**_document_context(document), "form": form},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def not_relevant_undo(request: MemberRequest, pk: int) -> HttpResponse:
    """Take away the mark "not relevant" (asks first)."""
    document = get_rw_document_for_user(request.membership, pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_not_relevant_undo(actor=request.user, document=document)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document is required again."))
            return redirect("documents:document_detail", document.pk)
    return render(
        request,
        "documents/not_relevant_undo.html",
        {**_document_context(document), "form": form},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.VIEW_PORTFOLIO)
def version_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """One version read-only: the form's fields as text, or the uploaded file's facts and its
    download."""
    version = get_version_for_user(request.membership, pk)
    document = version.document
    content = version.content or {}
    fields = (
        [
            (heading.label, str(content.get(heading.key, "")))
            for heading in headings(document.requirement.document_type)
        ]
        if not version.is_file
        else []
    )
    kind = uploads.KINDS.get(version.file_type)
    return render(
        request,
        "documents/version_detail.html",
        {
            **_document_context(document),
            "version": version,
            "fields": fields,
            "kind": kind,
        },
    )


@member_required(Capability.VIEW_PORTFOLIO)
def version_download(request: MemberRequest, pk: int) -> HttpResponse:
    """The uploaded file, as an attachment of the kind its content was found to be, never to
    be sniffed or shown inline."""
    version = get_version_for_user(request.membership, pk)
    kind = uploads.KINDS.get(version.file_type)
    if not version.is_file or kind is None:
        raise Http404
    try:
        handle = uploads.open_stored(version.stored_name)
    except (OSError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name or f"dokument{kind.extensions[0]}",
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A streamed response; member_required's typing knows only HttpResponse.
    return cast(HttpResponse, response)
