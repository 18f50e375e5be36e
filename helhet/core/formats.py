"""Text the way Helhet writes it wherever it leaves the templates (messages, e-mail, exports)."""

from __future__ import annotations

from datetime import date

from django.utils import formats

PDF_TYPE = "application/pdf"


def long_date(day: date | None) -> str:
    """A date written out in the active language, "27. november 2026"; nothing for no date."""
    return formats.date_format(day, "j. F Y") if day is not None else ""


def pdf_latin(text: str) -> str:
    """Text in the PDF core fonts' character set (Windows-1252); what it cannot show becomes
    "?"."""
    return text.encode("cp1252", "replace").decode("cp1252")
