"""Placeholder views: being built (see helhet/portfolio/urls.py)."""

from django.http import HttpRequest, HttpResponse


def export_xlsx(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def export_csv(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def import_upload(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def import_confirm(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def import_template(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
