"""Placeholder views: being built (see helhet/portfolio/urls.py)."""

from django.http import HttpRequest, HttpResponse


def initiative_create(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def initiative_delete(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def initiative_history(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def status_report_create(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def relation_add(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def relation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


def link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
