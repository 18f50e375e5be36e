"""Paging for the API's long lists: ``page`` and ``page_size`` in, ``count``, ``next``,
``previous`` and ``results`` out, in two queries whatever the page (the count and the rows)."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, QueryDict
from ninja import Field, Schema

from helhet.api.schemas import INTEGER_MAX

MAX_PAGE_SIZE = 200

M = TypeVar("M", bound=Model)


class PageParams(Schema):
    page: int = Field(1, ge=1, le=INTEGER_MAX)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class Page(Schema):
    """A page of a list; each list names its own with its ``results``."""

    count: int
    next: str | None
    previous: str | None


def page_url(request: HttpRequest, page: int) -> str:
    """The request's own URL, with its filters, at another page."""
    query: QueryDict = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest,
    rows: QuerySet[M],
    paging: PageParams,
    *,
    details: Callable[[QuerySet[M]], QuerySet[M]] = lambda rows: rows,
) -> dict[str, Any]:
    """One page of the rows, counted before ``details`` adds what the page's schema shows
    (so the count stays a plain COUNT)."""
    count = rows.count()
    start = (paging.page - 1) * paging.page_size
    end = start + paging.page_size
    return {
        "count": count,
        "next": page_url(request, paging.page + 1) if end < count else None,
        "previous": page_url(request, paging.page - 1) if paging.page > 1 else None,
        "results": list(details(rows)[start:end]) if start < count else [],
    }
