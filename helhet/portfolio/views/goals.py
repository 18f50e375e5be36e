"""Placeholder views: being built (see helhet/portfolio/urls.py)."""

from django.http import HttpRequest, HttpResponse


def goal_list(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def goal_create(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def goal_history(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
