"""Errors under /api/ answered in JSON even when no endpoint answers: an address that does not
exist (Django's 404 page), a method a path does not take (django-ninja's empty 405), a request
refused by a middleware, a server error outside an endpoint."""

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from helhet.api.errors import status_message

API_PREFIX = "/api/"
JSON = "application/json; charset=utf-8"


class ApiErrorsAsJson:
    """Turn any error answer under /api/ that is not JSON into the API's error shape, keeping
    its status and headers such as ``Allow``. Outermost but for the security headers, so it
    sees every other answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            response = _as_json(response)
        return response


def _as_json(response: HttpResponse) -> HttpResponse:
    """The same answer (status and every header another middleware set) with the error shape as
    its body."""
    body = json.dumps({"detail": status_message(response.status_code)})
    if response.streaming:
        return HttpResponse(body, status=response.status_code, content_type=JSON)
    response.content = body.encode()
    response["Content-Type"] = JSON
    return response
