"""What the project pages share: a form page, and a record's history page."""

from __future__ import annotations

from typing import Any

from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from helhet.accounts.http import MemberRequest
from helhet.core.history import history_entries
from helhet.portfolio.models import Initiative
from helhet.projects.models import LogEntry, Risk


def form_page(
    request: MemberRequest, template: str, form: Form, context: dict[str, Any]
) -> HttpResponse:
    """The form again: 400 when it was sent with errors, 200 when it is shown the first time."""
    return render(
        request, template, {"form": form, **context}, status=400 if form.is_bound else 200
    )


def history_page(
    request: MemberRequest, obj: Risk | LogEntry, back: str, initiative: Initiative
) -> HttpResponse:
    """The record's changes, newest first, with the way back to its list."""
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "entries": history_entries(obj),
            "back_url": reverse(back, args=[initiative.pk]),
        },
    )
