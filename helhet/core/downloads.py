"""A file the browser saves rather than shows: every export and template download answers this
way (the security middleware adds ``Cache-Control: private, no-store`` to each)."""

from django.http import HttpResponse


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """``content`` as a download named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
