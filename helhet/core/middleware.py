from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageMiddleware:
    """Bokmål unless the person has chosen another language in Helhet (the language cookie set
    by the switcher in the header). Unlike Django's LocaleMiddleware this ignores the browser's
    Accept-Language: a municipal PC set up in English must still show Helhet in bokmål."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# Browser features Helhet never uses, turned off for its pages and anything they might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

# Answers that are data rather than pages: the API's JSON and the exports.
DATA_TYPES = (
    "application/json",
    "text/csv",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
NO_STORE = "private, no-store"


class SecurityHeadersMiddleware:
    """A Permissions-Policy on every answer, and ``Cache-Control: private, no-store`` on every
    answer that is data (the API's JSON, its errors included, and every CSV, XLSX or PDF export
    or other download), so that no proxy or shared browser keeps a copy of a municipality's
    figures. Outermost, so it sees every other middleware's answer too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type in DATA_TYPES or "attachment" in response.get("Content-Disposition", ""):
            response["Cache-Control"] = NO_STORE
        return response
