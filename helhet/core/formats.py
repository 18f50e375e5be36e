"""Text the way Helhet writes it wherever it leaves the templates (messages, e-mail, exports)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils import formats, translation
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from fpdf import FPDF

PDF_TYPE = "application/pdf"
ORE = Decimal("0.01")
MINUS = "\u2212"


def long_date(day: date | None) -> str:
    """A date written out in the active language, "27. november 2026" ("27 November 2026" in
    English); nothing for no date."""
    return formats.date_format(day, "DATE_FORMAT") if day is not None else ""


def number_text(value: Decimal, places: int | None = None) -> str:
    """A number in the active language's way, thousands grouped: "1 613 764", "31,5" in bokmål,
    "1,613,764", "31.5" in English. ``places`` fixes the decimals; otherwise as many as it has
    (none for a whole number)."""
    normal = value.normalize()
    if places is None:
        exponent = normal.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return formats.number_format(normal, places, use_l10n=True, force_grouping=True)


# Per language: Python's grouping "," and decimal "." as the language writes them.
_SEPARATORS: dict[str | None, dict[int, str]] = {}


def _separators() -> dict[int, str]:
    language = translation.get_language()
    table = _SEPARATORS.get(language)
    if table is None:
        table = _SEPARATORS[language] = {
            ord(","): str(formats.get_format("THOUSAND_SEPARATOR")),
            ord("."): str(formats.get_format("DECIMAL_SEPARATOR")),
        }
    return table


def kroner_text(value: Decimal) -> str:
    """An amount of money: whole kroner without decimals, otherwise two for the øre
    ("8 452,50"). The same text as ``number_text`` (both locales group by three), written
    directly: a page of the fund's review writes hundreds of amounts."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # not a number
        return number_text(value, None if value == value.to_integral_value() else 2)
    if exponent < -2:  # trailing zeros (sums from SQLite) are dropped; finer than øre: Django's
        in_ore = value.quantize(ORE)
        if in_ore != value:
            return number_text(value, None if value == value.to_integral_value() else 2)
        value = in_ore
    if not value:
        return "0"  # also for -0 (as Django writes it)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return text.translate(_separators())


def money_text(value: Decimal) -> str:
    """An amount of money with its unit, as every page and message writes one: "1 200 000 kr",
    "8 452,50 kr" (the unit is "kr", never "kroner", after an amount)."""
    return f"{kroner_text(value)} kr"


def figure_text(value: Decimal, *, money: bool = False) -> str:
    """A computed figure as shown beside the figures it came from: rounded to two decimals only
    here (never before), a true minus sign, "0" for what rounds to nothing; money as
    ``kroner_text`` writes it ("8 452,50", "−4 032"), anything else as ``number_text``
    ("3 085 162,5", "31,5"). No unit: the caller writes "kr" or "t" after it."""
    rounded = value.quantize(ORE, rounding=ROUND_HALF_UP)
    if rounded == 0:
        return "0"
    text = kroner_text(abs(rounded)) if money else number_text(abs(rounded))
    return f"{MINUS}{text}" if rounded < 0 else text


def pdf_latin(text: str) -> str:
    """Text in the PDF core fonts' character set (Windows-1252); what it cannot show becomes
    "?"."""
    return text.encode("cp1252", "replace").decode("cp1252")


def pdf_start(
    pdf: FPDF, *, title: str, author: str, margin: int, page_break: int, compress: bool
) -> FPDF:
    """Give a new document Helhet's settings (core fonts in Windows-1252, title, author, creator,
    ``margin`` on every side, a new page ``page_break`` mm above the foot) and its first page."""
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_compression(compress)
    pdf.set_title(pdf_latin(title))
    pdf.set_author(pdf_latin(author))
    pdf.set_creator("Helhet")
    pdf.set_auto_page_break(auto=True, margin=page_break)
    pdf.set_margins(margin, margin, margin)
    pdf.add_page()
    return pdf


def numbered_pdf(
    *,
    orientation: str,
    title: str,
    author: str,
    margin: int,
    page_break: int,
    footer_at: int,
    compress: bool,
) -> FPDF:
    """A new A4 document with Helhet's settings (``pdf_start``) and "page N of M" at the right of
    every page's foot, ``footer_at`` mm above the bottom edge."""
    from fpdf import FPDF

    class _NumberedPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-footer_at)
            self.set_font("Helvetica", size=8)
            self.cell(
                text=pdf_latin(
                    _("page %(number)s of %(pages)s") % {"number": self.page_no(), "pages": "{nb}"}
                ),
                align="R",
                w=self.epw,
            )

    return pdf_start(
        _NumberedPDF(orientation=orientation, format="A4"),
        title=title,
        author=author,
        margin=margin,
        page_break=page_break,
        compress=compress,
    )


def pdf_line(pdf: FPDF, text: str) -> None:
    """One line of text in the current font, then the next line."""
    pdf.cell(text=pdf_latin(text), new_x="LMARGIN", new_y="NEXT")
