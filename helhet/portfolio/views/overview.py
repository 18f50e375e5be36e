"""Placeholder views: being built (see helhet/portfolio/urls.py)."""

from django.http import HttpRequest, HttpResponse


def overview(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def saved_view_create(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def saved_view_delete(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
