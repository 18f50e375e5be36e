"""Varsler: the person's notifications in the municipality they work in (newest first, marked
read one by one or all at once), and how they want to be e-mailed about each kind."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.core.forms import add_service_errors
from helhet.notifications import services
from helhet.notifications.access import get_notification_for_user
from helhet.notifications.forms import PreferencesForm
from helhet.notifications.models import Notification

PAGE_SIZE = 50


@member_required()
@require_http_methods(["GET", "POST"])
def notification_list(request: MemberRequest) -> HttpResponse:
    """The person's notifications here, newest first, fifty a page; a POST marks one read
    (``read`` = its id) or every unread one (``read`` = ``all``)."""
    if request.method == "POST":
        return _mark_read(request, request.POST.get("read", ""))
    rows = Notification.objects.for_member(request.user, request.membership.municipality)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "notifications/list.html", {"page": page})


def _mark_read(request: MemberRequest, which: str) -> HttpResponse:
    if which == "all":
        count = services.notifications_mark_all_read(
            actor=request.user, municipality=request.membership.municipality
        )
        messages.success(
            request,
            ngettext(
                "%(count)s notification marked read.",
                "%(count)s notifications marked read.",
                count,
            )
            % {"count": count},
        )
    elif which.isdigit():
        notification = get_notification_for_user(request.membership, int(which))
        services.notification_mark_read(notification=notification, actor=request.user)
    else:
        return HttpResponseBadRequest(_("Choose a notification to mark read."))
    return redirect("notifications:list")


@member_required()
@require_http_methods(["GET", "POST"])
def notification_settings(request: MemberRequest) -> HttpResponse:
    """How the person is e-mailed about each kind: at once, in the daily digest, or not."""
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        deliveries=services.deliveries_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preferences_set(actor=request.user, deliveries=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your choices for e-mail are saved."))
            return redirect("notifications:list")
    return render(
        request,
        "notifications/settings.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
