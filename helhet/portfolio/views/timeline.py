"""Placeholder views: being built (see helhet/portfolio/urls.py)."""

from django.http import HttpRequest, HttpResponse


def timeline(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
