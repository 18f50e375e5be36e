"""How the JSON API says no: one error shape (``detail``, and ``errors`` per field for a request
that cannot be carried out), the exception that carries field errors out of a lookup, and the
handlers that turn exceptions into those answers in the person's language."""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.parser import Parser

logger = logging.getLogger("django.request")


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]


# The answers every endpoint can give besides its own: no token, a role that does not allow it,
# an object that does not exist in the token's municipality, and a parameter that is wrong.
ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}
# ... and, for an endpoint that reads a body, a body that is not JSON or is too large.
BODY_ERRORS: dict[int, type[Schema]] = {**ERRORS, 400: ErrorOut, 413: ErrorOut}


def too_large_message() -> str:
    """What the API answers a body over DATA_UPLOAD_MAX_MEMORY_SIZE with."""
    megabytes = round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024), 2)
    return _("The request is too large. Send less than %(size)s MB at a time.") % {
        "size": number_format(megabytes)
    }


# What the API says for an error status it answers without an endpoint's own message.
STATUS_MESSAGES = {
    400: gettext_lazy("The request could not be read."),
    401: gettext_lazy("Missing or invalid API token."),
    403: gettext_lazy("Your role does not allow this."),
    404: gettext_lazy("Not found."),
    405: gettext_lazy("This address does not take that method."),
    500: gettext_lazy(
        "Something went wrong on the server. Try again later, and tell the "
        "administrator if it happens again."
    ),
}


def status_message(status: int) -> str:
    if status == 413:
        return too_large_message()
    fallback = STATUS_MESSAGES[500] if status >= 500 else STATUS_MESSAGES[400]
    return str(STATUS_MESSAGES.get(status, fallback))


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
    "date_range": gettext_lazy("Enter a date from 1900 to 2100."),
    "greater_than_equal": gettext_lazy("Enter a number of at least %(ge)s."),
    "less_than_equal": gettext_lazy("Enter a number of at most %(le)s."),
    "decimal_max_digits": gettext_lazy("The number is too large."),
    "decimal_whole_digits": gettext_lazy("The number is too large."),
    "decimal_max_places": gettext_lazy("Enter at most %(decimal_places)s decimals."),
    "finite_number": gettext_lazy("Enter a number."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_long": gettext_lazy("Write at most %(max_length)s characters."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
}


def schema_errors(exc: RequestValidationError) -> dict[str, list[str]]:
    """Schema errors in the same shape as the services' (errors per field), in the person's
    language, instead of django-ninja's English list."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # A list's item is reported on the list ("owners", not "0").
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "payload") and not isinstance(part, int)
        ]
        field = location[-1] if location else "__all__"
        message = str(SCHEMA_ERRORS.get(error.get("type", ""), gettext_lazy("Invalid value.")))
        if "%(" in message:
            message = message % {key: str(value) for key, value in error.get("ctx", {}).items()}
        errors.setdefault(field, []).append(message)
    return errors


class NullCharacter(Exception):
    """A text in a request holds the null character (U+0000), which no database keeps
    (PostgreSQL refuses it) and nobody types: the request is refused before any service runs."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def _refuse_null_characters(value: Any, field: str = "__all__") -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise NullCharacter(field)
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_null_characters(key, field)
            _refuse_null_characters(item, str(key))
    elif isinstance(value, list):
        for item in value:
            _refuse_null_characters(item, field)


class TextParser(Parser):
    """django-ninja's JSON body and query string parser, refusing the null character in any
    text (a 422 naming the field, as for a text too long), on both databases alike."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        _refuse_null_characters(data)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        _refuse_null_characters(parsed)
        return parsed


def _null_character_errors(exc: NullCharacter) -> dict[str, list[str]]:
    return {exc.field: [_("Null characters are not allowed.")]}


def _id_out_of_range_in_path(error: dict[str, Any]) -> bool:
    return error.get("loc", ())[:1] == ("path",) and error.get("type") in (
        "greater_than_equal",
        "less_than_equal",
    )


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
        if all(_id_out_of_range_in_path(error) for error in exc.errors):
            # No object has an id below 1 or beyond the database's: as not found as any other.
            return not_found(request, exc)
        body = {"detail": _("The request has errors; nothing was changed.")}
        return api.create_response(request, {**body, "errors": schema_errors(exc)}, status=422)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": too_large_message()}, status=413)

    @api.exception_handler(NullCharacter)
    def null_character(request: HttpRequest, exc: NullCharacter) -> HttpResponse:
        body = {"detail": _("The request has errors; nothing was changed.")}
        errors = _null_character_errors(exc)
        return api.create_response(request, {**body, "errors": errors}, status=422)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, NullCharacter):
            # django-ninja turns any failure to parse a body into a 400; this one is a field's.
            return null_character(request, exc.__cause__)
        # django-ninja's own refusals; the one it gives a body it cannot parse is a 400.
        detail = (
            _("The request body is not valid JSON.")
            if exc.status_code == 400
            else status_message(exc.status_code)
        )
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Logged and signalled as Django does for a view's exception (the test client re-raises
        # it), but answered in JSON, in development too: a client reads no traceback page.
        logger.error("Internal Server Error: %s", request.path, exc_info=exc)
        got_request_exception.send(sender=None, request=request)
        return api.create_response(request, {"detail": status_message(500)}, status=500)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Your role does not allow this.")}, status=403
        )
