"""Mine filer: the files a person asked for (exports made on the job queue), each "being made",
ready to download, or failed with its reason; and the download of one's own ready file."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tasks.base import Task

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.core.security_log import security_event
from helhet.files.access import get_ready_file_for_user
from helhet.files.models import PreparedFile
from helhet.files.services import file_storage, prepared_file_request

# The page lists the newest files; they expire within days, so there are seldom more.
SHOWN = 100


@member_required()
@require_GET
def file_list(request: MemberRequest) -> HttpResponse:
    """The person's files here, newest first. While one is being made the page says so, with a
    link to look again (it works without JavaScript; files.js looks again by itself)."""
    files = list(
        PreparedFile.objects.for_member(request.user, request.membership.municipality).current()[
            :SHOWN
        ]
    )
    return render(
        request,
        "files/list.html",
        {
            "files": files,
            "in_progress": any(f.in_progress for f in files),
            "kept_days": settings.HELHET_PREPARED_FILE_DAYS,
        },
    )


@member_required()
def file_download(request: MemberRequest, file_id: int) -> HttpResponse:
    """The person's own ready file, as a download (streamed from the storage). Fetching a file
    that lists people is logged as a security event, as every such export is. Anyone else's
    file is 404 whatever the method, so nobody learns it exists."""
    prepared = get_ready_file_for_user(request.membership, file_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        handle = file_storage().open(prepared.stored_name, "rb")
    except OSError as missing:  # the bytes were lost (a storage restored without them)
        raise Http404 from missing
    if prepared.personal_data:
        security_event(
            "export.personal_data",
            request=request,
            export=prepared.kind,
            filename=prepared.filename,
            municipality_id=prepared.municipality_id,
            prepared_file_id=prepared.pk,
            via="download",
        )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=prepared.filename,
        content_type=prepared.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A streamed response; member_required's typing knows only HttpResponse.
    return cast(HttpResponse, response)


def ask_for_file(
    request: MemberRequest,
    *,
    kind: str,
    title: str,
    parameters: dict[str, Any],
    personal_data: bool,
    job: Task[[int], str],
) -> HttpResponse:
    """What an export's own view answers (the apps' views call it once they have checked who may
    ask): POST asks for the file and lands the person on Mine filer, where it is listed "being
    made" until the job (``job``) has made it; GET (an old link or bookmark to the export) shows
    a page with the button."""
    if request.method != "POST":
        return render(request, "files/ask.html", {"title": title})
    prepared_file_request(
        membership=request.membership,
        kind=kind,
        title=title,
        parameters=parameters,
        personal_data=personal_data,
        job=job,
    )
    messages.success(request, _("Helhet is making the file. It is listed here when it is ready."))
    return redirect("files:list")
