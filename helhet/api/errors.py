"""How the JSON API says no: one error shape (``detail``, and ``errors`` per field for a request
that cannot be carried out), the exception that carries field errors out of a lookup, and the
handlers that turn exceptions into those answers in the person's language."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestValidationError


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]


# The answers every endpoint can give besides its own: no token, a role that does not allow it,
# and an object that does not exist in the token's municipality.
ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class InvalidRequest(Exception):
    """Field errors found before a service is called (an unknown id or username, a wrong
    choice), in the shape :func:`invalid` answers with."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def invalid(errors: dict[str, list[str]]) -> Status[dict[str, Any]]:
    """The 422 answer for a request with errors: nothing was changed."""
    return Status(
        422, {"detail": _("The request has errors; nothing was changed."), "errors": errors}
    )


def service_errors(error: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as errors per field (``__all__`` for the whole request)."""
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {"__all__": list(error.messages)}


# Messages for the ways a request can fail its schema (pydantic's error types), in the person's
# language; anything else falls back to a general one.
SCHEMA_ERRORS = {
    "missing": gettext_lazy("This field is required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_long": gettext_lazy("The text is too long."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
}


def schema_errors(exc: RequestValidationError) -> dict[str, list[str]]:
    """Schema errors in the same shape as the services' (errors per field), in the person's
    language, instead of django-ninja's English list."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        field = location[-1] if location else "__all__"
        message = SCHEMA_ERRORS.get(error.get("type", ""), gettext_lazy("Invalid value."))
        errors.setdefault(field, []).append(str(message))
    return errors


def add_exception_handlers(api: NinjaAPI) -> None:
    """Answer a missing token (401), a refused role (403), an object outside the municipality
    (404) and a request that fails its schema (422) in the shapes above."""

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Missing or invalid API token.")}, status=401
        )

    @api.exception_handler(RequestValidationError)
    def invalid_request(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
        body = {"detail": _("The request has errors; nothing was changed.")}
        return api.create_response(request, {**body, "errors": schema_errors(exc)}, status=422)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Your role does not allow this.")}, status=403
        )
