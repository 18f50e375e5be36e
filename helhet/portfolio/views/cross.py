"""Placeholder views: being built (see helhet/portfolio/urls.py)."""

from django.http import HttpRequest, HttpResponse


def cross_department(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
